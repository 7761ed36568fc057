using System.Net;
using System.Net.Sockets;

namespace CrossShard.Cli.Cluster;

/// <summary>Loopback ports free right now, chosen by the OS, so runs sharing the machine do not collide.</summary>
internal static class LoopbackPorts
{
    /// <summary>
    /// <paramref name="count"/> distinct ports the OS handed out on 127.0.0.1; they are released before returning, so
    /// another program could take one before the node binds it (the node then fails to start, with a clear error).
    /// </summary>
    public static int[] Free(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            // All held at once, so the OS gives each a different port.
            return [.. listeners.Select(static l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
