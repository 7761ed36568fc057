using Microsoft.Extensions.Hosting;

namespace CrossShard.Network.Hosting;

/// <summary>
/// A host lifetime that installs no signal handlers: <see cref="NodeHost"/> owns the shutdown order (stop admitting,
/// drain, stop the node, then the server), so SIGTERM and Ctrl-C must reach it rather than stop the server first.
/// </summary>
internal sealed class ExternalShutdownLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
