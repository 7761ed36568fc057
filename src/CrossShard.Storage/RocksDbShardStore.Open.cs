using System.Text;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;
using RocksDbSharp;

namespace CrossShard.Storage;

/// <summary>Opening: create, or open and verify, then read back everything a restart needs.</summary>
public sealed partial class RocksDbShardStore
{
    // The WAL may grow to this before RocksDB flushes every column family still in its oldest file. At 64 MiB that
    // forced flush came every ~10 s under load, all families at once (the nearly empty ones too), and since the
    // shards of one machine fill their logs at the same rate, at the same moment in every shard: the flushes' sort took
    // the cores for seconds (durable saturation dipped from ~35k to ~20k committed/s each time, docs/benchmarks.md
    // session 10). At 256 MiB the write buffers (64 MiB per family) trigger most flushes, one family at a time. The
    // price: a restart replays up to this much WAL.
    private const ulong MaxTotalWalBytes = 256UL * 1024 * 1024;

    /// <inheritdoc />
    /// <remarks>
    /// A missing or empty directory becomes a new store: the format version, the identity and the genesis accounts are
    /// written in one synced batch. A directory holding a store is verified (format version, then cluster, shard and
    /// shard count) and read back. A non-empty directory without a RocksDB <c>CURRENT</c> file, or a store locked by
    /// another open instance or process, is <see cref="StoreError.Unavailable"/>. Nothing is ever reset or deleted.
    /// </remarks>
    public ValueTask<RecoveredState> OpenAsync(StoreIdentity identity, IReadOnlyDictionary<string, long> genesis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return OpenCore(identity, genesis, cancellationToken);
    }

    /// <summary>
    /// For operator tools: opens an existing store whatever cluster and shard it belongs to (see <see cref="Identity"/>
    /// afterwards) and returns its state. A directory that holds no initialized store is refused (never created).
    /// </summary>
    public ValueTask<RecoveredState> OpenExistingAsync(CancellationToken cancellationToken)
    {
        // Checked before RocksDB is asked, which would create an empty database where none is.
        if (!File.Exists(Path.Combine(Directory, "CURRENT")))
        {
            throw new StoreException(StoreError.Unavailable, Directory, "no CrossShard store here");
        }

        return OpenCore(null, new Dictionary<string, long>(), cancellationToken);
    }

    /// <summary>The identity the open store belongs to (after a successful open).</summary>
    public StoreIdentity? Identity { get; private set; }

    private ValueTask<RecoveredState> OpenCore(StoreIdentity? identity, IReadOnlyDictionary<string, long> genesis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_db is not null)
        {
            throw new InvalidOperationException($"the store at {Directory} is already open");
        }

        var (db, created) = OpenDatabase();
        try
        {
            var families = new Families(
                db.GetColumnFamily(MetaFamily),
                db.GetColumnFamily(AccountsFamily),
                db.GetColumnFamily(AnchorsFamily),
                db.GetColumnFamily(PreparedFamily),
                db.GetColumnFamily(CoordinatorFamily),
                db.GetColumnFamily(DecidedFamily));
            var state = Recover(db, families, created, identity, genesis);
            _db = db;
            _families = families;
            return ValueTask.FromResult(state);
        }
        catch (RocksDbSharpException e)
        {
            db.Dispose();
            throw Translate(e, StoreError.Unavailable, "reading the store");
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private (RocksDb Db, IReadOnlyList<string> CreatedFamilies) OpenDatabase()
    {
        if (File.Exists(Directory))
        {
            throw new StoreException(StoreError.Unavailable, Directory, "the store path is a file, not a directory");
        }

        var hasStore = File.Exists(Path.Combine(Directory, "CURRENT"));
        try
        {
            if (!hasStore && System.IO.Directory.Exists(Directory) && System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
            {
                throw new StoreException(
                    StoreError.Unavailable,
                    Directory,
                    "the directory is not empty but holds no RocksDB store (no CURRENT file); refusing to create a store among files it does not own");
            }

            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreError.Unavailable, Directory, $"the store directory cannot be used: {e.Message}", e);
        }

        try
        {
            var options = new DbOptions()
                .SetCreateIfMissing(true)
                .SetCreateMissingColumnFamilies(true)
                .SetParanoidChecks(true)
                .SetWalRecoveryMode(Recovery.PointInTime)
                .SetMaxTotalWalSize(MaxTotalWalBytes)
                .SetKeepLogFileNum(2)
                .SetInfoLogLevel(InfoLogLevel.Warn)
                .SetAllowConcurrentMemtableWrite(false);
            // Created here, not in the constructor, so a missing native library surfaces as Unavailable from OpenAsync.
            _syncWrite ??= new WriteOptions().SetSync(true);
            _bufferedWrite ??= new WriteOptions().SetSync(false);
            var existing = hasStore ? RocksDb.ListColumnFamilies(options, Directory).ToList() : [];
            var created = hasStore ? ColumnFamilyNames.Where(name => !existing.Contains(name)).ToList() : [.. ColumnFamilyNames];

            // Every existing family must be opened (RocksDB refuses otherwise); unknown ones are kept and left alone.
            var families = new ColumnFamilies(FamilyOptions());
            foreach (var name in ColumnFamilyNames.Concat(existing).Distinct(StringComparer.Ordinal))
            {
                if (!string.Equals(name, ColumnFamilies.DefaultName, StringComparison.Ordinal))
                {
                    families.Add(name, FamilyOptions());
                }
            }

            return (RocksDb.Open(options, Directory, families), created);
        }
        catch (RocksDbSharpException e)
        {
            throw Translate(e, StoreError.Unavailable, "opening the store");
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or BadImageFormatException || e.GetType().Name == "NativeLoadException")
        {
            throw new StoreException(StoreError.Unavailable, Directory, $"the RocksDB native library could not be loaded: {e.Message}", e);
        }
    }

    private RecoveredState Recover(RocksDb db, Families families, IReadOnlyList<string> createdFamilies, StoreIdentity? identity, IReadOnlyDictionary<string, long> genesis)
    {
        var formatLocation = Location(MetaFamily, "format");
        var format = db.Get(StoreValues.FormatKey, families.Meta);
        if (format is null)
        {
            if (identity is null)
            {
                throw new StoreException(StoreError.Unavailable, Directory, "no initialized CrossShard store here");
            }

            if (!IsEmpty(db, families))
            {
                throw new StoreException(StoreError.Corrupt, formatLocation, "the store holds data but no format version");
            }

            // A new store, or one whose creation was interrupted before its first batch: nothing to lose.
            Identity = identity;
            return Create(db, families, identity, genesis);
        }

        var version = StoreValues.ReadStoreFormat(format, formatLocation);
        if (version > StoreValues.StoreFormatVersion)
        {
            throw new StoreException(StoreError.NewerFormat, formatLocation, $"store format version {version} is newer than this build reads ({StoreValues.StoreFormatVersion}); upgrade before opening this store");
        }

        if (version == 0)
        {
            throw new StoreException(StoreError.Corrupt, formatLocation, "store format version 0 was never written");
        }

        var identityLocation = Location(MetaFamily, "identity");
        var stored = db.Get(StoreValues.IdentityKey, families.Meta) is { } bytes
            ? StoreValues.ReadIdentity(bytes, identityLocation)
            : throw new StoreException(StoreError.Corrupt, identityLocation, "the store has a format version but no identity");
        Identity = stored;
        identity ??= stored;
        if (!string.Equals(stored.ClusterId, identity.ClusterId, StringComparison.Ordinal))
        {
            throw new StoreException(StoreError.WrongCluster, Directory, $"the store belongs to cluster '{stored.ClusterId}', not '{identity.ClusterId}'");
        }

        if (stored.Shard != identity.Shard || stored.ShardCount != identity.ShardCount)
        {
            throw new StoreException(StoreError.WrongShard, Directory, $"the store belongs to {stored.Shard} of {stored.ShardCount}, not {identity.Shard} of {identity.ShardCount}");
        }

        if (createdFamilies.Count > 0)
        {
            throw new StoreException(StoreError.Corrupt, Directory, $"column families missing from an initialized store: {string.Join(", ", createdFamilies)}");
        }

        return Read(db, families);
    }

    private RecoveredState Create(RocksDb db, Families families, StoreIdentity identity, IReadOnlyDictionary<string, long> genesis)
    {
        var accounts = new Dictionary<string, AccountState>(StringComparer.Ordinal);
        using (var batch = new WriteBatch())
        {
            batch.Put(StoreValues.FormatKey, StoreValues.StoreFormat(StoreValues.StoreFormatVersion), families.Meta);
            batch.Put(StoreValues.IdentityKey, StoreValues.Identity(identity), families.Meta);
            foreach (var (account, balance) in genesis)
            {
                var state = new AccountState(balance, 0);
                accounts[account] = state;
                batch.Put(StoreValues.Key(account), StoreValues.Account(account, state), families.Accounts);
            }

            db.Write(batch, _syncWrite!);
        }

        _nextDecided = 0;
        _oldestDecided = 0;
        return new RecoveredState(true, accounts, new HashSet<string>(StringComparer.Ordinal), [], [], new Dictionary<TxId, DecisionKind>(), 0);
    }

    private RecoveredState Read(RocksDb db, Families families)
    {
        var accounts = new Dictionary<string, AccountState>(StringComparer.Ordinal);
        Scan(db, families.Accounts, AccountsFamily, (key, value, location) =>
        {
            var (account, state) = StoreValues.ReadAccount(key, value, location);
            accounts[account] = state;
        });

        var anchors = new HashSet<string>(StringComparer.Ordinal);
        Scan(db, families.Anchors, AnchorsFamily, (key, value, location) => anchors.Add(StoreValues.ReadAnchor(key, value, location)));

        var inDoubt = new List<PreparedRecord>();
        Scan(db, families.Prepared, PreparedFamily, (key, value, location) =>
        {
            var record = RecordCodec.Decode(value, location) as PreparedRecord
                ?? throw new StoreException(StoreError.Corrupt, location, "the prepared column family holds a record that is not PREPARED");
            StoreValues.CheckTxKey(key, record.Tx, location);
            inDoubt.Add(record);
        });

        var committing = new List<CommitDecisionRecord>();
        Scan(db, families.Coordinator, CoordinatorFamily, (key, value, location) =>
        {
            var record = RecordCodec.Decode(value, location) as CommitDecisionRecord
                ?? throw new StoreException(StoreError.Corrupt, location, "the coordinator column family holds a record that is not COMMIT");
            StoreValues.CheckTxKey(key, record.Tx, location);
            committing.Add(record);
        });

        var decided = new Dictionary<TxId, DecisionKind>();
        var heuristic = new HashSet<TxId>();
        ulong? first = null;
        ulong next = 0;
        Scan(db, families.Decided, DecidedFamily, (key, value, location) =>
        {
            var (sequence, tx, decision, byOperator) = StoreValues.ReadDecided(key, value, location);
            first ??= sequence;
            next = checked(sequence + 1);
            decided[tx] = decision;
            if (byOperator)
            {
                heuristic.Add(tx);
            }
        });

        _nextDecided = next;
        _oldestDecided = first ?? next;
        return new RecoveredState(false, accounts, anchors, inDoubt, committing, decided, inDoubt.Count + committing.Count) { HeuristicDecisions = heuristic };
    }

    private void Scan(RocksDb db, ColumnFamilyHandle family, string familyName, EntryAction action)
    {
        // Decoders get the family's location; the key is added only when one fails, so a clean scan builds no strings.
        var familyLocation = $"{Directory} [{familyName}]";
        using var iterator = db.NewIterator(family, new ReadOptions().SetVerifyChecksums(true).SetFillCache(false));
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            var key = iterator.GetKeySpan();
            try
            {
                action(key, iterator.GetValueSpan(), familyLocation);
            }
            catch (StoreException e) when (ReferenceEquals(e.Location, familyLocation))
            {
                var message = e.Message[..^(familyLocation.Length + 3)];
                throw new StoreException(e.Error, Location(familyName, DescribeKey(familyName, key)), message, e.InnerException);
            }
        }

        // Valid() turns false on an I/O error or corruption as well as at the end: only the status tells them apart.
        Native.Instance.rocksdb_iter_get_error(iterator.Handle);
    }

    /// <summary>
    /// Column family settings. The memtable is a vector, not the default skip list: the store is written on every group
    /// commit and read only when it is opened, and a skip-list insert of random transaction ids and rewritten account
    /// keys walks ~20 cache-missing levels (a quarter of a durable run's CPU); a vector appends and is sorted once, by
    /// the background flush. A vector memtable needs single-writer inserts, which one append at a time already gives.
    /// </summary>
    private static ColumnFamilyOptions FamilyOptions() => new ColumnFamilyOptions().SetMemtableVectorRep();

    private static bool IsEmpty(RocksDb db, Families families)
    {
        foreach (var family in new[] { families.Meta, families.Accounts, families.Anchors, families.Prepared, families.Coordinator, families.Decided })
        {
            using var iterator = db.NewIterator(family);
            iterator.SeekToFirst();
            var any = iterator.Valid();
            Native.Instance.rocksdb_iter_get_error(iterator.Handle);
            if (any)
            {
                return false;
            }
        }

        return true;
    }

    private string Location(string family, string key) => $"{Directory} [{family}] key {key}";

    private static string DescribeKey(string family, ReadOnlySpan<byte> key) => family switch
    {
        AccountsFamily or AnchorsFamily or MetaFamily => $"'{Encoding.UTF8.GetString(key)}'",
        _ => Convert.ToHexStringLower(key),
    };

    private StoreException Translate(RocksDbSharpException e, StoreError fallback, string action)
    {
        var message = e.Message;
        if (message.StartsWith("Corruption", StringComparison.Ordinal))
        {
            return new StoreException(StoreError.Corrupt, Directory, $"{action}: RocksDB reports corruption: {message}", e);
        }

        if (message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            return new StoreException(StoreError.Unavailable, Directory, $"{action}: the store is locked by another open store (another process, or another instance in this process): {message}", e);
        }

        return new StoreException(fallback, Directory, $"{action}: {message}", e);
    }

    private delegate void EntryAction(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, string location);
}
