using System.Net;
using System.Net.Sockets;

namespace CrossShard.Network.Host.Tests;

/// <summary>Finds a block of consecutive loopback ports that are free right now (other test runs share the machine).</summary>
/// <remarks>
/// The block is taken below the kernel's ephemeral range: a port free when probed but inside that range can be handed
/// to any outgoing connection (another test's gRPC client or peer link) before the node binds it, and the node then
/// fails with "address already in use".
/// </remarks>
internal static class FreePorts
{
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    public static int FindBlock(int count)
    {
        var ceiling = EphemeralLowerBound() - count;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Random.Shared.Next(10_000, ceiling);
            var listeners = new List<TcpListener>();
            try
            {
                for (var port = start; port < start + count; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listeners.Add(listener);
                }

                return start;
            }
            catch (SocketException)
            {
                // Taken: try another block.
            }
            finally
            {
                foreach (var listener in listeners)
                {
                    listener.Stop();
                    listener.Dispose();
                }
            }
        }

        throw new InvalidOperationException($"no block of {count} free loopback ports found");
    }

    /// <summary>The lowest ephemeral port (Linux: from /proc; elsewhere the IANA range's start, 49152).</summary>
    private static int EphemeralLowerBound()
    {
        if (File.Exists(EphemeralRange)
            && File.ReadAllText(EphemeralRange).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var low, ..]
            && int.TryParse(low, out var port)
            && port > 12_000)
        {
            return port;
        }

        return 49_152;
    }
}
