using System.Runtime.InteropServices;

namespace CrossShard.Cli;

/// <summary>Turns SIGINT (Ctrl-C) and SIGTERM into a cancellation token, instead of letting the runtime end the process, so a service can stop in order.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations = [Register(PosixSignal.SIGINT), Register(PosixSignal.SIGTERM)];
    }

    /// <summary>Cancelled when a shutdown signal arrives.</summary>
    public CancellationToken Token => _requested.Token;

    /// <summary>Requests shutdown as a signal would.</summary>
    public void Request() => _requested.Cancel();

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _requested.Dispose();
    }

    private PosixSignalRegistration Register(PosixSignal signal) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            _requested.Cancel();
        });
}
