using System.CommandLine;
using System.Globalization;
using System.Text;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;
using CrossShard.Storage;

namespace CrossShard.Cli.Transactions;

/// <summary>
/// <c>xshard tx</c>: operator tools on a stopped shard's store — list the transactions it is in doubt about, and
/// decide one by hand (a heuristic decision: logged durably, appended to an audit file, reported; the node raises
/// the "heuristic mixed" alarm if the coordinator's real decision later differs).
/// </summary>
internal static class TxCommand
{
    /// <summary>The audit trail of heuristic decisions, one JSON object per line, next to the store.</summary>
    public const string AuditFileName = "heuristic-decisions.jsonl";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var store = new Option<string>("--store") { Description = "the shard's store directory (the node must be stopped)", Required = true };
        var inDoubt = new Command("in-doubt", "List the transactions a stopped shard voted YES on and has no decision for.") { store };
        inDoubt.SetAction(async (parse, cancellationToken) =>
        {
            var opened = new RocksDbShardStore(parse.GetValue(store)!);
            await using var close = opened.ConfigureAwait(false);
            var state = await opened.OpenExistingAsync(cancellationToken).ConfigureAwait(false);
            foreach (var record in state.InDoubt)
            {
                await output.WriteLineAsync($"{record.Tx} coordinator {record.Coordinator} participants [{string.Join(", ", record.Participants)}] locks [{string.Join(", ", record.LockKeys)}]").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{state.InDoubt.Count} in doubt on {opened.Identity!.Shard} of cluster '{opened.Identity.ClusterId}'").ConfigureAwait(false);
            return XshardApp.Ok;
        });

        var txId = new Argument<string>("TXID") { Description = "the transaction id (64 hex characters)" };
        var commit = new Option<bool>("--commit") { Description = "decide COMMIT" };
        var abort = new Option<bool>("--abort") { Description = "decide ABORT" };
        var resolve = new Command("resolve", "Decide an in-doubt transaction by hand on a stopped shard (a heuristic decision; never automatic).") { txId, commit, abort, store };
        resolve.Validators.Add(result =>
        {
            if (result.GetValue(commit) == result.GetValue(abort))
            {
                result.AddError("give exactly one of --commit or --abort");
            }
        });
        resolve.SetAction(async (parse, cancellationToken) =>
        {
            if (!TxId.TryParse(parse.GetValue(txId), out var id))
            {
                await error.WriteLineAsync($"xshard: '{parse.GetValue(txId)}' is not a transaction id (64 hex characters)").ConfigureAwait(false);
                return XshardApp.UsageError;
            }

            var decision = parse.GetValue(commit) ? DecisionKind.Commit : DecisionKind.Abort;
            return await ResolveAsync(parse.GetValue(store)!, id, decision, output, error, cancellationToken).ConfigureAwait(false);
        });

        return new Command("tx", "Operator tools for in-doubt transactions on a stopped shard's store.") { inDoubt, resolve };
    }

    private static async Task<int> ResolveAsync(string directory, TxId id, DecisionKind decision, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var store = new RocksDbShardStore(directory);
        await using var close = store.ConfigureAwait(false);
        var state = await store.OpenExistingAsync(cancellationToken).ConfigureAwait(false);
        var prepared = state.InDoubt.FirstOrDefault(r => r.Tx == id);
        if (prepared is null)
        {
            var known = state.Decided.TryGetValue(id, out var done) ? $"it is already decided ({done})" : "it is unknown there";
            await error.WriteLineAsync($"xshard: {id} is not in doubt on {store.Identity!.Shard}: {known}; nothing changed").ConfigureAwait(false);
            return XshardApp.InvariantFailed;
        }

        var writes = decision == DecisionKind.Commit ? prepared.Writes : [];
        await store.AppendAsync([new HeuristicDecisionRecord(id, decision, writes)], sync: true, cancellationToken).ConfigureAwait(false);
        await AppendAuditAsync(directory, id, decision, prepared, store.Identity!).ConfigureAwait(false);
        await output.WriteLineAsync($"heuristic {decision.ToString().ToLowerInvariant()} of {id} on {store.Identity!.Shard}: {Describe(writes)}; logged durably and audited in {Path.Combine(directory, AuditFileName)}").ConfigureAwait(false);
        await output.WriteLineAsync($"when the node restarts and its coordinator ({prepared.Coordinator}) decides, a different decision raises the HEURISTIC MIXED alarm").ConfigureAwait(false);
        return XshardApp.Ok;
    }

    private static string Describe(IReadOnlyList<KeyWrite> writes) =>
        writes.Count == 0 ? "writes dropped, locks released" : "writes applied: " + string.Join(", ", writes.Select(static w => w.IsAnchor ? $"anchor {w.Key}" : $"{w.Key}={w.State.Balance}"));

    private static async Task AppendAuditAsync(string directory, TxId id, DecisionKind decision, PreparedRecord prepared, StoreIdentity identity)
    {
        var line = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{{\"at\":\"{DateTimeOffset.UtcNow:O}\",\"cluster\":\"{identity.ClusterId}\",\"shard\":{identity.Shard.Value},")
            .Append(CultureInfo.InvariantCulture, $"\"tx\":\"{id}\",\"decision\":\"{decision.ToString().ToLowerInvariant()}\",\"coordinator\":{prepared.Coordinator.Value},")
            .Append(CultureInfo.InvariantCulture, $"\"user\":\"{Environment.UserName}\"}}")
            .ToString();
        await File.AppendAllTextAsync(Path.Combine(directory, AuditFileName), line + "\n").ConfigureAwait(false);
    }
}
