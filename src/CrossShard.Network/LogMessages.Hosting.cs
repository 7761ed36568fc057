using Microsoft.Extensions.Logging;

namespace CrossShard.Network;

/// <summary>The node host's log lines, source-generated; event ids 4500..4599.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Shard {Shard} of cluster {ClusterId} serving gRPC on {Listen}, health on http://{Health}/health ({State} store)")]
    public static partial void NodeServing(ILogger logger, int shard, string clusterId, string listen, string health, string state);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Shard {Shard} stopping: admitting nothing more, draining {Active} submissions")]
    public static partial void NodeStopping(ILogger logger, int shard, int active);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Shard {Shard}: {Active} submissions still inside after the drain timeout; their clients learn the node stopped")]
    public static partial void DrainTimedOut(ILogger logger, int shard, int active);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Information, Message = "Shard {Shard} stopped; store closed")]
    public static partial void NodeStoppedCleanly(ILogger logger, int shard);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Information, Message = "Shard {Shard} opened {Accounts} genesis accounts it owns (applied only if its store is new)")]
    public static partial void GenesisAccounts(ILogger logger, int shard, int accounts);
}
