using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CrossShard.Node.Manifest;

/// <summary>Checks manifest endpoints: <c>host:port</c>, IPv6 hosts in brackets, port 1..65535.</summary>
internal static class EndpointRules
{
    /// <summary>Null when <paramref name="endpoint"/> is acceptable, otherwise what is wrong with it.</summary>
    public static string? Check(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || colon == endpoint.Length - 1)
        {
            return "must be host:port";
        }

        var host = endpoint[..colon];
        var port = endpoint[(colon + 1)..];
        if (!port.All(char.IsAsciiDigit)
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < 1 or > 65535)
        {
            return $"port '{port}' must be a number in 1..65535";
        }

        return IsHost(host) ? null : $"host '{host}' is not a host name or IP address (IPv6 goes in brackets: [::1]:7400)";
    }

    private static bool IsHost(string host)
    {
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // An unbracketed colon would make the port ambiguous.
        return !host.Contains(':', StringComparison.Ordinal)
            && Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }
}
