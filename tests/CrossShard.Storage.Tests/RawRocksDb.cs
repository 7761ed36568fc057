using RocksDbSharp;

namespace CrossShard.Storage.Tests;

/// <summary>Opens a store's directory with RocksDB directly, as an operator's tool or a damaged disk would see it.</summary>
internal static class RawRocksDb
{
    public static RocksDb Open(string directory, bool create = false)
    {
        var families = new ColumnFamilies(new ColumnFamilyOptions());
        foreach (var name in RocksDbShardStore.ColumnFamilyNames)
        {
            families.Add(name, new ColumnFamilyOptions());
        }

        return RocksDb.Open(new DbOptions().SetCreateIfMissing(create).SetCreateMissingColumnFamilies(create), directory, families);
    }

    public static List<(byte[] Key, byte[] Value)> Entries(RocksDb db, string family)
    {
        var entries = new List<(byte[], byte[])>();
        using var iterator = db.NewIterator(db.GetColumnFamily(family));
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            entries.Add((iterator.Key(), iterator.Value()));
        }

        return entries;
    }
}
