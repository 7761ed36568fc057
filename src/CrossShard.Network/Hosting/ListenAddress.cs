using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CrossShard.Network.Hosting;

/// <summary>An IP address and port a node binds to, written <c>127.0.0.1:7400</c> or <c>[::1]:7400</c>; never a host name, so the bind is explicit.</summary>
/// <param name="Address">The IP address.</param>
/// <param name="Port">The TCP port, 1..65535.</param>
public readonly record struct ListenAddress(IPAddress Address, int Port)
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out ListenAddress address, out string problem)
    {
        address = default;
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "is empty; expected IP:port such as 127.0.0.1:7400";
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            problem = $"'{text}' is not IP:port (such as 127.0.0.1:7400)";
            return false;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!portText.All(char.IsAsciiDigit) || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problem = $"port '{portText}' of '{text}' must be a number in 1..65535";
            return false;
        }

        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        var ipText = bracketed ? host[1..^1] : host;
        if (!IPAddress.TryParse(ipText, out var ip)
            || (bracketed != (ip.AddressFamily == AddressFamily.InterNetworkV6))
            || (ip.AddressFamily == AddressFamily.InterNetwork && ipText.Count(static c => c == '.') != 3))
        {
            problem = $"'{host}' of '{text}' is not an IP address (IPv4 such as 127.0.0.1, IPv6 in brackets such as [::1]); host names are not bound";
            return false;
        }

        address = new ListenAddress(ip, port);
        return true;
    }

    /// <summary>The <c>IP:port</c> form (IPv6 in brackets).</summary>
    public override string ToString() =>
        Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
