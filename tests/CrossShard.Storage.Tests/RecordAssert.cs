using CrossShard.Core.Effects;
using CrossShard.Core.Transactions;

namespace CrossShard.Storage.Tests;

/// <summary>Structural equality for log records (records compare their immutable arrays by reference).</summary>
internal static class RecordAssert
{
    public static bool Same(LogRecord expected, LogRecord actual) => (expected, actual) switch
    {
        (PreparedRecord e, PreparedRecord a) => e.Tx == a.Tx && e.Coordinator == a.Coordinator && e.Priority == a.Priority
            && e.Participants.SequenceEqual(a.Participants) && e.Writes.SequenceEqual(a.Writes) && e.LockKeys.SequenceEqual(a.LockKeys),
        (CommittedRecord e, CommittedRecord a) => e.Tx == a.Tx && e.Writes.SequenceEqual(a.Writes),
        (AbortedRecord e, AbortedRecord a) => e.Tx == a.Tx,
        (CommitDecisionRecord e, CommitDecisionRecord a) => e.Tx == a.Tx && e.Participants.SequenceEqual(a.Participants) && Same(e.Transaction, a.Transaction),
        (EndRecord e, EndRecord a) => e.Tx == a.Tx,
        _ => false,
    };

    public static bool Same(Transaction expected, Transaction actual) =>
        expected.Nonce == actual.Nonce && expected.Operations.SequenceEqual(actual.Operations);

    public static void Equal(LogRecord expected, LogRecord actual) =>
        Assert.True(Same(expected, actual), $"expected {Describe(expected)}\nactual   {Describe(actual)}");

    private static string Describe(LogRecord record) => record switch
    {
        PreparedRecord p => $"{p} participants=[{string.Join(",", p.Participants)}] writes=[{string.Join(",", p.Writes)}] locks=[{string.Join(",", p.LockKeys)}]",
        CommittedRecord c => $"{c} writes=[{string.Join(",", c.Writes)}]",
        CommitDecisionRecord d => $"{d} participants=[{string.Join(",", d.Participants)}] ops=[{string.Join(",", d.Transaction.Operations)}]",
        _ => record.ToString(),
    };
}
