using System.Globalization;
using System.Text;
using System.Text.Json;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;

namespace CrossShard.Simulation;

/// <summary>
/// Writes a simulated run as JSON lines, one object per protocol event:
/// <c>{"timeMs":12.5,"shard":1,"tx":"…","event":"prepared-logged","reason":"none"}</c>, plus <c>crash</c> lines.
/// The format is documented in docs/simulation.md.
/// </summary>
public sealed class JsonLinesTrace : IProtocolTrace, IDisposable
{
    private readonly StreamWriter _writer;

    /// <summary>Creates (or replaces) the trace file at <paramref name="path"/>.</summary>
    public JsonLinesTrace(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
    }

    /// <summary>The trace name of each event kind.</summary>
    public static string NameOf(ProtocolEventKind kind) => kind switch
    {
        ProtocolEventKind.Submitted => "submitted",
        ProtocolEventKind.PreparedLogged => "prepared-logged",
        ProtocolEventKind.VotedNo => "voted-no",
        ProtocolEventKind.LockWaiting => "lock-waiting",
        ProtocolEventKind.VoteReceived => "vote-received",
        ProtocolEventKind.CommitLogged => "commit-logged",
        ProtocolEventKind.AbortDecided => "abort-decided",
        ProtocolEventKind.CommitApplied => "commit-applied",
        ProtocolEventKind.AbortApplied => "abort-applied",
        ProtocolEventKind.Ended => "ended",
        ProtocolEventKind.StatusQueried => "status-queried",
        ProtocolEventKind.Recovered => "recovered",
        ProtocolEventKind.ShardDown => "shard-down",
        ProtocolEventKind.ShardUp => "shard-up",
        ProtocolEventKind.HeuristicDecided => "heuristic-decided",
        ProtocolEventKind.HeuristicConfirmed => "heuristic-confirmed",
        ProtocolEventKind.HeuristicMixed => "heuristic-mixed",
        ProtocolEventKind.DeferredPrepareSent => "deferred-prepare-sent",
        _ => kind.ToString(),
    };

    /// <inheritdoc />
    public void OnEvents(TimeSpan at, IReadOnlyList<ProtocolEvent> events)
    {
        foreach (var e in events)
        {
            Write(at, e.Shard, e.Tx == default ? null : e.Tx.ToString(), NameOf(e.Kind), e.Reason.ToString());
        }
    }

    /// <inheritdoc />
    public void OnCrash(TimeSpan at, ShardId shard) => Write(at, shard, null, "crash", null);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void Write(TimeSpan at, ShardId shard, string? tx, string name, string? reason)
    {
        var buffer = new StringBuilder(160);
        buffer.Append(CultureInfo.InvariantCulture, $"{{\"timeMs\":{at.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)},\"shard\":{shard.Value}");
        if (tx is not null)
        {
            buffer.Append(",\"tx\":").Append(JsonSerializer.Serialize(tx, TraceJsonContext.Default.String));
        }

        buffer.Append(",\"event\":\"").Append(name).Append('"');
        if (reason is not null && reason != "None")
        {
            buffer.Append(",\"reason\":\"").Append(reason).Append('"');
        }

        buffer.Append('}');
        _writer.WriteLine(buffer.ToString());
    }
}
