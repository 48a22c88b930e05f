using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

namespace LoopbackTools.Hosts;

/// <summary>
/// A hosts file as glibc's files NSS module reads it (glibc 2.36: nss/nss_readline.c, nss/nss_files/files-parse.c,
/// files-hosts.c, resolv/inet_pton.c), from the file's raw bytes: lines end only at LF; leading blanks are
/// skipped (see <see cref="AfterLeadingBlanks"/> for how); a line whose first non-blank is '#' is skipped; a NUL
/// byte ends a line's content; the rest of a line
/// is cut at the first '#' (or NUL); its first field must be an address <c>inet_pton</c> reads, or the line is
/// skipped; the other fields are names split at C-locale whitespace (space, tab, LF, VT, FF, CR). There is no
/// limit on the length of a line, a name or the number of names (the buffers grow). A byte-order mark or
/// UTF-16 is read as bytes like any other.
/// <para>
/// <see cref="Lookup"/> is what <c>getaddrinfo</c> gets from nss_files (_nss_files_gethostbyname4_r): with
/// <c>multi on</c> in /etc/host.conf (Debian's default) every line naming the name, in file order; without it,
/// the first. Names compare byte for byte with ASCII case folded: no trailing-dot, IDN or Unicode case rule.
/// <c>getaddrinfo</c> then sorts the answers by RFC 6724 (not modelled: compare as a set) and answers numeric
/// names itself without reading the file.
/// </para>
/// <para>
/// Not modelled, because it cannot be measured here: Windows (the DNS Client service reads the file; it honours
/// at most 9 names a line, which <see cref="HostsParser"/> already reports) and macOS (mDNSResponder/libinfo).
/// </para>
/// </summary>
internal sealed class GlibcHostsFile
{
    private static readonly Encoding Latin1 = Encoding.GetEncoding("iso-8859-1");

    private GlibcHostsFile(IReadOnlyList<GlibcHostsLine> lines) => Lines = lines;

    public IReadOnlyList<GlibcHostsLine> Lines { get; }

    /// <param name="worthReading">
    /// Given a line's [start, end) bytes, false when the line cannot matter to the caller: it is then listed (for
    /// <see cref="LineAt"/>) but not parsed, and reads as blank. Keeps a one-name question over a 265k-line blocklist cheap.
    /// </param>
    public static GlibcHostsFile Read(byte[] content, Func<int, int, bool>? worthReading = null)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        var lines = new List<GlibcHostsLine>();
        var start = 0;
        var number = 1;
        while (start < content.Length)
        {
            var lf = Array.IndexOf(content, (byte)'\n', start);
            var end = lf < 0 ? content.Length : lf;
            lines.Add(worthReading is null || worthReading(start, end) ? ReadLine(content, start, end, lf >= 0, number) : Skipped(number, start, end, GlibcLineKind.Blank, -1));
            start = end + 1;
            number++;
        }

        return new GlibcHostsFile(lines);
    }

    /// <summary>The name as glibc receives it from a caller: its UTF-8 bytes, one Latin-1 char a byte.</summary>
    public static string Bytes(string name) => Latin1.GetString(Encoding.UTF8.GetBytes(name ?? string.Empty));

    /// <summary>Latin-1 byte string back to readable text (UTF-8 where the bytes are UTF-8).</summary>
    public static string Readable(string bytes) => Encoding.UTF8.GetString(Latin1.GetBytes(bytes));

    /// <summary>strcasecmp in the C locale: only A-Z fold.</summary>
    public static bool SameName(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (FoldAscii(a[i]) != FoldAscii(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The C locale's isspace.</summary>
    public static bool IsSpace(byte b) => b == (byte)' ' || (b >= 0x09 && b <= 0x0D);

    /// <summary>The lines nss_files answers for <paramref name="nameBytes"/> (see <see cref="Bytes"/>), in file order.</summary>
    public IReadOnlyList<GlibcHostsLine> Lookup(string nameBytes, bool multi = true)
    {
        var found = new List<GlibcHostsLine>();
        foreach (var line in Lines)
        {
            if (line.Maps(nameBytes))
            {
                found.Add(line);
                if (!multi)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The line holding byte <paramref name="offset"/>, or null past the end.</summary>
    public GlibcHostsLine? LineAt(int offset)
    {
        int low = 0, high = Lines.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var line = Lines[mid];
            if (offset < line.Start)
            {
                high = mid - 1;
            }
            else if (offset > line.End)
            {
                low = mid + 1;
            }
            else
            {
                return line;
            }
        }

        return null;
    }

    private static char FoldAscii(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

    private static GlibcHostsLine ReadLine(byte[] content, int start, int end, bool hasLf, int number)
    {
        // What fgets gives: the line, its LF, then NUL; C string functions stop at the first NUL.
        var raw = new byte[end - start + (hasLf ? 1 : 0)];
        Array.Copy(content, start, raw, 0, end - start);
        if (hasLf)
        {
            raw[raw.Length - 1] = (byte)'\n';
        }

        var nul = Array.IndexOf(raw, (byte)0);
        var stringEnd = nul < 0 ? raw.Length : nul;
        var nulOffset = nul < 0 ? -1 : start + nul;
        var first = 0;
        while (first < stringEnd && IsSpace(raw[first]))
        {
            first++;
        }

        if (first == stringEnd)
        {
            return Skipped(number, start, end, GlibcLineKind.Blank, nulOffset);
        }

        if (raw[first] == (byte)'#')
        {
            return Skipped(number, start, end, GlibcLineKind.Comment, nulOffset);
        }

        var text = AfterLeadingBlanks(raw, first, stringEnd, out var tailRepeated);

        // files-parse.c: the line ends at the first '#' or LF.
        var cut = 0;
        while (cut < text.Length && text[cut] != (byte)'#' && text[cut] != (byte)'\n')
        {
            cut++;
        }

        var fields = Fields(text, cut);
        var token = Latin1.GetString(text, fields[0].Start, fields[0].End - fields[0].Start);
        var bytes = GlibcAddressText.Parse(text, fields[0].Start, fields[0].End);
        if (bytes is null)
        {
            return new GlibcHostsLine(number, start, end, GlibcLineKind.NotAnAddress, token, null, Array.Empty<string>(), nulOffset, tailRepeated);
        }

        var names = new string[fields.Count - 1];
        for (var i = 1; i < fields.Count; i++)
        {
            names[i - 1] = Latin1.GetString(text, fields[i].Start, fields[i].End - fields[i].Start);
        }

        return new GlibcHostsLine(number, start, end, GlibcLineKind.Entry, token, new IPAddress(bytes), names, nulOffset, tailRepeated);
    }

    /// <summary>
    /// nss_readline's removal of leading blanks: <c>memmove(buf, p, strlen(p))</c> moves the string without its
    /// NUL, so the old bytes stay behind it: glibc reads p followed by raw[len..first+len), i.e. the line's last
    /// <c>first</c> bytes twice. An LF or '#' in p cuts that tail off again; only the file's last line without a
    /// final newline (or a line ended early by a NUL) shows it. Measured on glibc 2.36 by the differential test.
    /// </summary>
    private static byte[] AfterLeadingBlanks(byte[] raw, int first, int stringEnd, out bool tailRepeated)
    {
        var length = stringEnd - first;
        if (first == 0)
        {
            tailRepeated = false;
            return Slice(raw, 0, length);
        }

        var text = new byte[length + first];
        Array.Copy(raw, first, text, 0, length);
        Array.Copy(raw, length, text, length, first);
        tailRepeated = Array.IndexOf(text, (byte)'\n', 0, length) < 0 && Array.IndexOf(text, (byte)'#', 0, length) < 0;
        return text;
    }

    private static byte[] Slice(byte[] raw, int start, int length)
    {
        var slice = new byte[length];
        Array.Copy(raw, start, slice, 0, length);
        return slice;
    }

    private static List<(int Start, int End)> Fields(byte[] text, int end)
    {
        var fields = new List<(int, int)>();
        var pos = 0;
        while (true)
        {
            while (pos < end && IsSpace(text[pos]))
            {
                pos++;
            }

            var fieldStart = pos;
            while (pos < end && !IsSpace(text[pos]))
            {
                pos++;
            }

            if (pos == fieldStart && fields.Count > 0)
            {
                return fields;
            }

            fields.Add((fieldStart, pos));
            if (pos >= end)
            {
                return fields;
            }
        }
    }

    private static GlibcHostsLine Skipped(int number, int start, int end, GlibcLineKind kind, int nulOffset) =>
        new(number, start, end, kind, string.Empty, null, Array.Empty<string>(), nulOffset, false);
}
