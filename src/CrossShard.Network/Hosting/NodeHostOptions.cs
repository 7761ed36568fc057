using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Hosting;

/// <summary>What a <see cref="NodeHost"/> takes besides its config: the clock and where it logs.</summary>
public sealed record NodeHostOptions
{
    /// <summary>The clock of the node, its peer links and its shutdown deadlines. Default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Configures logging; null logs one line per event to standard output (information and up; ASP.NET Core and gRPC warnings and up).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }
}
