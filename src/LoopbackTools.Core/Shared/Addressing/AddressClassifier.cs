using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Addressing;

/// <summary>
/// The single place that decides whether an address is loopback or unspecified.
/// <see cref="IPAddress.IsLoopback"/> is not used because on .NET Framework it misses
/// IPv4-mapped loopback (::ffff:127.0.0.1), which Linux reports for dual-stack sockets.
/// </summary>
internal static class AddressClassifier
{
    public static AddressScope Classify(IPAddress address)
    {
        if (address is null)
        {
            throw new System.ArgumentNullException(nameof(address));
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyV4(address.GetAddressBytes());
        }

        var bytes = address.GetAddressBytes();
        if (IsV4Mapped(bytes))
        {
            return ClassifyV4(new[] { bytes[12], bytes[13], bytes[14], bytes[15] });
        }

        if (address.ScopeId == 0 && AllZero(bytes, 0, 15))
        {
            return bytes[15] switch
            {
                0 => AddressScope.Unspecified,
                1 => AddressScope.Loopback,
                _ => AddressScope.Specific,
            };
        }

        return AddressScope.Specific;
    }

    public static bool IsLoopback(IPAddress address) => Classify(address) == AddressScope.Loopback;

    public static bool IsUnspecified(IPAddress address) => Classify(address) == AddressScope.Unspecified;

    /// <summary>Parses an address, accepting a scope suffix such as <c>fe80::1%lo0</c> on every platform.</summary>
    public static bool TryParse(string? text, out IPAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var value = text!;
        var percent = value.IndexOf('%');
        if (percent >= 0)
        {
            // Only IPv6 link-local style addresses may carry a zone; the zone may be a name (lo0, eth0).
            if (percent == value.Length - 1 || value.IndexOf(':') < 0)
            {
                return false;
            }

            if (!IPAddress.TryParse(value.Substring(0, percent), out var bare) || bare.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            var zone = value.Substring(percent + 1);
            foreach (var c in zone)
            {
                if (char.IsWhiteSpace(c) || c == '%')
                {
                    return false;
                }
            }

            address = bare;
            return true;
        }

        if (!IPAddress.TryParse(value, out var parsed))
        {
            return false;
        }

        // IPAddress.TryParse accepts "1" or "127.1" as IPv4; a hosts file or a bind address never means that.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && CountChar(value, '.') != 3)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static AddressScope ClassifyV4(byte[] b)
    {
        if (b[0] == 127)
        {
            return AddressScope.Loopback;
        }

        return b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 ? AddressScope.Unspecified : AddressScope.Specific;
    }

    private static bool IsV4Mapped(byte[] b) => AllZero(b, 0, 10) && b[10] == 0xff && b[11] == 0xff;

    private static bool AllZero(byte[] b, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (b[i] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int CountChar(string s, char c)
    {
        var n = 0;
        foreach (var ch in s)
        {
            if (ch == c)
            {
                n++;
            }
        }

        return n;
    }
}
