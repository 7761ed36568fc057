using System.Collections.Immutable;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Transactions;
using CsCheck;

namespace CrossShard.Storage.Tests;

/// <summary>CsCheck generators for log records, including empty lists, non-ASCII keys and extreme numbers.</summary>
internal static class RecordGen
{
    private const string KeyChars = "abcxyz019-_/:é€中\u0001";

    public static readonly Gen<string> Key = Gen.String[Gen.Char[KeyChars], 0, 24];

    public static readonly Gen<TxId> Tx = Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong, Gen.ULong, (a, b, c, d) => new TxId(a, b, c, d));

    public static readonly Gen<ShardId> Shard = Gen.Int.Select(v => new ShardId(v));

    public static readonly Gen<ImmutableArray<ShardId>> Shards = Shard.Array[0, 8].Select(a => a.ToImmutableArray());

    public static readonly Gen<KeyWrite> Write = Gen.Select(Key, Gen.Bool, Gen.Long, Gen.Long, (k, anchor, balance, version) => new KeyWrite(k, anchor, new AccountState(balance, version)));

    public static readonly Gen<ImmutableArray<KeyWrite>> Writes = Write.Array[0, 6].Select(a => a.ToImmutableArray());

    public static readonly Gen<Operation> Op = Gen.Select(Gen.Byte[1, 3], Key, Gen.Long, Gen.Int, (kind, key, amount, shard) =>
        (OperationKind)kind == OperationKind.Anchor ? new Operation(OperationKind.Anchor, key, amount, new ShardId(shard)) : new Operation((OperationKind)kind, key, amount, default));

    public static readonly Gen<Transaction> Transaction = Gen.Select(Gen.ULong, Op.Array[0, 6], (nonce, ops) => new Transaction(nonce, [.. ops]));

    public static readonly Gen<LogRecord> Prepared = Gen.Select(Tx, Shard, Shards, Gen.Long, Writes, Key.Array[0, 5], (tx, c, p, priority, w, locks) =>
        (LogRecord)new PreparedRecord(tx, c, p, priority, w, [.. locks]));

    public static readonly Gen<LogRecord> Committed = Gen.Select(Tx, Writes, (tx, w) => (LogRecord)new CommittedRecord(tx, w));

    public static readonly Gen<LogRecord> Aborted = Tx.Select(tx => (LogRecord)new AbortedRecord(tx));

    public static readonly Gen<LogRecord> CommitDecision = Gen.Select(Tx, Shards, Transaction, (tx, p, t) => (LogRecord)new CommitDecisionRecord(tx, p, t));

    public static readonly Gen<LogRecord> End = Tx.Select(tx => (LogRecord)new EndRecord(tx));

    public static readonly Gen<LogRecord> Any = Gen.OneOf(Prepared, Committed, Aborted, CommitDecision, End);
}
