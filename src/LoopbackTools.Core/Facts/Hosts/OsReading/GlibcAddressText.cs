using System;

namespace LoopbackTools.Hosts;

/// <summary>
/// The address forms glibc's <c>inet_pton</c> accepts (resolv/inet_pton.c), which is all nss_files uses to read
/// the first field of a hosts line: IPv4 only as four decimal parts 0-255 without leading zeros; IPv6 as up to
/// eight groups of at most four hex digits, one <c>::</c>, an optional dotted-quad tail, and no zone or brackets.
/// Written from glibc's documented rules and tested against glibc itself (GlibcHostsDifferentialTests).
/// </summary>
internal static class GlibcAddressText
{
    /// <summary>The address bytes (4 or 16) of <paramref name="text"/>, or null when glibc does not read it.</summary>
    public static byte[]? Parse(byte[] text, int start, int end)
    {
        var v4 = new byte[4];
        if (ParseV4(text, start, end, v4, 0))
        {
            return v4;
        }

        var v6 = new byte[16];
        return ParseV6(text, start, end, v6) ? v6 : null;
    }

    /// <summary>Whether glibc reads <paramref name="text"/> as an address (see <see cref="WhyNot"/> when not).</summary>
    public static bool Reads(string text)
    {
        if (text is null || text.Length == 0 || HasNonAscii(text))
        {
            return false;
        }

        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        return Parse(bytes, 0, bytes.Length) is not null;
    }

    /// <summary>
    /// <paramref name="text"/> without the brackets of a URL's IPv6 literal (<c>[::1]</c> is <c>::1</c>): the address
    /// meant, in the form glibc reads. Anything else is returned as given.
    /// </summary>
    public static string WithoutBrackets(string text)
    {
        var bracketed = text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']' && text.IndexOf(':') > 0;
        return bracketed ? text.Substring(1, text.Length - 2) : text;
    }

    /// <summary>Why glibc does not read <paramref name="token"/> as an address, and how to write it, in words a user can act on.</summary>
    public static (string Reason, string Remedy) WhyNot(string token)
    {
        if (token.IndexOf('%') >= 0)
        {
            return ("glibc reads no IPv6 zone index ('%...')", "write the address without the zone index, or use a global address");
        }

        if (token.StartsWith("[", StringComparison.Ordinal))
        {
            return ("glibc reads no brackets around an address", "write the address without brackets");
        }

        if (HasNonAscii(token))
        {
            return ("the address holds bytes that are not printable ASCII (an invisible character?)", "retype the address in plain ASCII");
        }

        if (token.IndexOf(':') < 0 && token.IndexOf('.') >= 0 && HasLeadingZeroPart(token))
        {
            return ("glibc reads no IPv4 part with a leading zero", "write each part without leading zeros (010 means 10 to some programs and 8 to others)");
        }

        if (token.IndexOf(':') < 0)
        {
            return ("glibc reads IPv4 only as four decimal parts 0-255", "write the address as four decimal parts, like 127.0.0.1");
        }

        return ("glibc does not read it as an IPv6 address", "write the address in standard IPv6 form, like ::1");
    }

    private static bool HasNonAscii(string token)
    {
        foreach (var c in token)
        {
            if (c >= 0x80 || c < 0x20)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLeadingZeroPart(string token)
    {
        foreach (var part in token.Split('.'))
        {
            if (part.Length > 1 && part[0] == '0')
            {
                return true;
            }
        }

        return false;
    }

    private static bool ParseV4(byte[] s, int pos, int end, byte[] destination, int offset)
    {
        var parts = new int[4];
        var octets = 0;
        var sawDigit = false;
        while (pos < end)
        {
            var c = s[pos++];
            if (c >= '0' && c <= '9')
            {
                var current = sawDigit ? parts[octets - 1] : 0;
                if (sawDigit && current == 0)
                {
                    return false;
                }

                var next = (current * 10) + (c - '0');
                if (next > 255)
                {
                    return false;
                }

                if (!sawDigit)
                {
                    if (++octets > 4)
                    {
                        return false;
                    }

                    sawDigit = true;
                }

                parts[octets - 1] = next;
            }
            else if (c == '.' && sawDigit)
            {
                if (octets == 4)
                {
                    return false;
                }

                sawDigit = false;
            }
            else
            {
                return false;
            }
        }

        if (octets < 4)
        {
            return false;
        }

        for (var i = 0; i < 4; i++)
        {
            destination[offset + i] = (byte)parts[i];
        }

        return true;
    }

    private static int HexValue(byte c) =>
        c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

    private static bool ParseV6(byte[] s, int pos, int end, byte[] destination)
    {
        var tmp = new byte[16];
        var tp = 0;
        var colon = -1;
        if (pos == end)
        {
            return false;
        }

        if (s[pos] == ':')
        {
            pos++;
            if (pos == end || s[pos] != ':')
            {
                return false;
            }
        }

        var token = pos;
        var digits = 0;
        var value = 0;
        while (pos < end)
        {
            var c = s[pos++];
            var digit = HexValue(c);
            if (digit >= 0)
            {
                if (digits == 4)
                {
                    return false;
                }

                value = (value << 4) | digit;
                digits++;
                continue;
            }

            if (c == ':')
            {
                token = pos;
                if (digits == 0)
                {
                    if (colon >= 0)
                    {
                        return false;
                    }

                    colon = tp;
                    continue;
                }

                if (pos == end || tp + 2 > 16)
                {
                    return false;
                }

                tmp[tp++] = (byte)(value >> 8);
                tmp[tp++] = (byte)value;
                digits = 0;
                value = 0;
                continue;
            }

            if (c == '.' && tp + 4 <= 16 && ParseV4(s, token, end, tmp, tp))
            {
                tp += 4;
                digits = 0;
                break;
            }

            return false;
        }

        if (digits > 0)
        {
            if (tp + 2 > 16)
            {
                return false;
            }

            tmp[tp++] = (byte)(value >> 8);
            tmp[tp++] = (byte)value;
        }

        if (colon >= 0)
        {
            if (tp == 16)
            {
                return false;
            }

            var n = tp - colon;
            Array.Copy(tmp, colon, tmp, 16 - n, n);
            Array.Clear(tmp, colon, 16 - n - colon);
            tp = 16;
        }

        if (tp != 16)
        {
            return false;
        }

        Array.Copy(tmp, destination, 16);
        return true;
    }
}
