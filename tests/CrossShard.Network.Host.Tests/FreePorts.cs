using System.Net;
using System.Net.Sockets;

namespace CrossShard.Network.Host.Tests;

/// <summary>Finds a block of consecutive loopback ports that are free right now (other test runs share the machine).</summary>
internal static class FreePorts
{
    public static int FindBlock(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Random.Shared.Next(20_000, 60_000 - count);
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
}
