using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// Parses /proc/net/{tcp,tcp6,udp,udp6}, the fallback when netlink is unavailable. The local address is hex,
/// each 32-bit word printed as the host sees it (little-endian words on x86 and arm64). These files cannot tell
/// a dual-stack :: socket from a v6-only one, so the IPv6 rows report V6Only as unknown.
/// </summary>
internal static class ProcNetParser
{
    public const int TcpListenState = 0x0A;
    public const int UdpUnconnectedState = 0x07;

    /// <summary>Rows of <paramref name="text"/> whose state is <paramref name="wantedState"/>.</summary>
    public static List<ListenerSocket> Parse(string text, ListenerProtocol protocol, int wantedState, string source, bool littleEndianWords)
    {
        var sockets = new List<ListenerSocket>();
        using var reader = new StringReader(text ?? string.Empty);
        var header = reader.ReadLine();
        if (header is null)
        {
            return sockets;
        }

        if (header.IndexOf("local_address", StringComparison.Ordinal) < 0)
        {
            throw ListenerErrors.Malformed(source, "the header line is missing");
        }

        string? line;
        var number = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var socket = ParseLine(line, protocol, wantedState, source, number, littleEndianWords);
            if (socket is not null)
            {
                sockets.Add(socket);
            }
        }

        return sockets;
    }

    private static ListenerSocket? ParseLine(string line, ListenerProtocol protocol, int wantedState, string source, int number, bool littleEndianWords)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10)
        {
            throw ListenerErrors.Malformed(source, $"line {number} has {fields.Length} fields, expected at least 10");
        }

        if (!int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var state))
        {
            throw ListenerErrors.Malformed(source, $"line {number}: state '{fields[3]}' is not hex");
        }

        if (state != wantedState)
        {
            return null;
        }

        var local = fields[1];
        var colon = local.IndexOf(':');
        if (colon < 0 || !int.TryParse(local.Substring(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port) || port > 0xffff)
        {
            throw ListenerErrors.Malformed(source, $"line {number}: local address '{local}' is not ADDRESS:PORT in hex");
        }

        var address = ParseAddress(local.Substring(0, colon), littleEndianWords)
            ?? throw ListenerErrors.Malformed(source, $"line {number}: address '{local.Substring(0, colon)}' is neither 8 nor 32 hex digits");
        if (!int.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            throw ListenerErrors.Malformed(source, $"line {number}: uid '{fields[7]}' or inode '{fields[9]}' is not a number");
        }

        return new ListenerSocket(protocol, address, port, v6Only: null, inode, uid);
    }

    /// <summary>Hex words as printed by the kernel (%08X of each host-order 32-bit word) back to address bytes.</summary>
    public static IPAddress? ParseAddress(string hex, bool littleEndianWords)
    {
        if (hex.Length != 8 && hex.Length != 32)
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.Substring(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            for (var i = 0; i < 4; i++)
            {
                var shift = littleEndianWords ? 8 * i : 8 * (3 - i);
                bytes[(word * 4) + i] = (byte)(value >> shift);
            }
        }

        return new IPAddress(bytes);
    }
}
