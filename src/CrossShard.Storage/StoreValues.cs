using System.Buffers.Binary;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;

namespace CrossShard.Storage;

/// <summary>
/// Frames for the store's own values (metadata, accounts, anchors, decided entries) and the keys they live under.
/// Every value repeats its key inside the checksummed payload, so a value moved to or read under the wrong key is detected.
/// </summary>
internal static class StoreValues
{
    /// <summary>The store layout version (column families and key layouts), kept in the meta column family.</summary>
    public const uint StoreFormatVersion = 1;

    /// <summary>Meta key of the store format version.</summary>
    public static readonly byte[] FormatKey = "format"u8.ToArray();

    /// <summary>Meta key of the <see cref="StoreIdentity"/>.</summary>
    public static readonly byte[] IdentityKey = "identity"u8.ToArray();

    /// <summary>Length of a decided key: <c>u64 sequence (big-endian, so keys sort by age) | tx id</c>.</summary>
    public const int DecidedKeyLength = 8 + TxId.Size;

    public static byte[] StoreFormat(uint version) =>
        RecordCodec.Frame(RecordType.StoreFormat, 4, version, static (ref w, v) => w.WriteUInt32(v));

    public static uint ReadStoreFormat(ReadOnlySpan<byte> frame, string location)
    {
        var reader = Open(frame, RecordType.StoreFormat, location);
        var version = reader.ReadUInt32("store format version");
        reader.End();
        return version;
    }

    public static byte[] Identity(StoreIdentity identity) =>
        RecordCodec.Frame(RecordType.Identity, PayloadSize.String(identity.ClusterId) + 8, identity, static (ref w, id) =>
        {
            w.WriteString(id.ClusterId);
            w.WriteInt32(id.Shard.Value);
            w.WriteInt32(id.ShardCount);
        });

    public static StoreIdentity ReadIdentity(ReadOnlySpan<byte> frame, string location)
    {
        var reader = Open(frame, RecordType.Identity, location);
        var identity = new StoreIdentity(reader.ReadString("cluster id"), new ShardId(reader.ReadInt32("shard")), reader.ReadInt32("shard count"));
        reader.End();
        return identity;
    }

    public static byte[] Key(string text) => PayloadSize.Utf8.GetBytes(text);

    public static byte[] Account(string account, AccountState state) =>
        RecordCodec.Frame(RecordType.Account, PayloadSize.String(account) + 16, (account, state), static (ref w, s) =>
        {
            w.WriteString(s.account);
            w.WriteInt64(s.state.Balance);
            w.WriteInt64(s.state.Version);
        });

    public static (string Account, AccountState State) ReadAccount(ReadOnlySpan<byte> key, ReadOnlySpan<byte> frame, string location)
    {
        var reader = Open(frame, RecordType.Account, location);
        var account = reader.ReadString("account id");
        var state = new AccountState(reader.ReadInt64("balance"), reader.ReadInt64("version"));
        reader.End();
        CheckKey(key, account, location);
        return (account, state);
    }

    public static byte[] Anchor(string key) =>
        RecordCodec.Frame(RecordType.Anchor, PayloadSize.String(key), key, static (ref w, k) => w.WriteString(k));

    public static string ReadAnchor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> frame, string location)
    {
        var reader = Open(frame, RecordType.Anchor, location);
        var anchor = reader.ReadString("anchor key");
        reader.End();
        CheckKey(key, anchor, location);
        return anchor;
    }

    public static byte[] DecidedKey(ulong sequence, TxId tx)
    {
        var key = new byte[DecidedKeyLength];
        BinaryPrimitives.WriteUInt64BigEndian(key, sequence);
        tx.WriteTo(key.AsSpan(8));
        return key;
    }

    /// <summary>The smallest decided key with <paramref name="sequence"/>: a range bound for deleting older entries.</summary>
    public static byte[] DecidedBound(ulong sequence)
    {
        var key = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(key, sequence);
        return key;
    }

    // The decision byte's high bit marks an operator's heuristic decision, so the alarm still fires after a restart.
    private const byte HeuristicFlag = 0x80;

    public static byte[] Decided(ulong sequence, TxId tx, DecisionKind decision, bool heuristic = false) =>
        RecordCodec.Frame(RecordType.Decided, 8 + TxId.Size + 1, (sequence, tx, decision, heuristic), static (ref w, s) =>
        {
            w.WriteUInt64(s.sequence);
            w.WriteTxId(s.tx);
            w.WriteByte((byte)((byte)s.decision | (s.heuristic ? HeuristicFlag : 0)));
        });

    public static (ulong Sequence, TxId Tx, DecisionKind Decision, bool Heuristic) ReadDecided(ReadOnlySpan<byte> key, ReadOnlySpan<byte> frame, string location)
    {
        var reader = Open(frame, RecordType.Decided, location);
        var sequence = reader.ReadUInt64("sequence");
        var tx = reader.ReadTxId("tx id");
        var stored = reader.ReadByte("decision");
        var heuristic = (stored & HeuristicFlag) != 0;
        var decision = (DecisionKind)(stored & ~HeuristicFlag);
        reader.End();
        if (decision is not (DecisionKind.Commit or DecisionKind.Abort))
        {
            throw reader.Corrupt($"unknown decision {(byte)decision}");
        }

        if (key.Length != DecidedKeyLength || BinaryPrimitives.ReadUInt64BigEndian(key) != sequence || TxId.FromBytes(key[8..]) != tx)
        {
            throw new StoreException(StoreError.Corrupt, location, $"decided key {Convert.ToHexStringLower(key)} does not match its value (sequence {sequence}, tx {tx})");
        }

        return (sequence, tx, decision, heuristic);
    }

    /// <summary>Checks that a log record stored under a tx id key is that transaction's record.</summary>
    public static void CheckTxKey(ReadOnlySpan<byte> key, TxId tx, string location)
    {
        if (key.Length != TxId.Size || TxId.FromBytes(key) != tx)
        {
            throw new StoreException(StoreError.Corrupt, location, $"key {Convert.ToHexStringLower(key)} holds the record of transaction {tx}");
        }
    }

    private static PayloadReader Open(ReadOnlySpan<byte> frame, RecordType expected, string location)
    {
        var payload = RecordCodec.OpenFrame(frame, location, out var type);
        if (type != expected)
        {
            throw new StoreException(StoreError.Corrupt, location, $"expected a {expected} value, found a {type} frame");
        }

        return new PayloadReader(payload, type, location);
    }

    private static void CheckKey(ReadOnlySpan<byte> key, string inValue, string location)
    {
        if (!key.SequenceEqual(PayloadSize.Utf8.GetBytes(inValue)))
        {
            throw new StoreException(StoreError.Corrupt, location, $"the value names key '{inValue}', not the key it is stored under");
        }
    }
}
