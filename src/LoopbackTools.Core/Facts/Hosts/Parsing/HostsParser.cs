using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LoopbackTools.Hosts;

/// <summary>
/// Splits a hosts file into lines and parses each by hand over the bytes (no regex, no per-line
/// strings): blocklists of hundreds of thousands of lines must load in a fraction of a second.
/// Only problems are turned into strings while parsing; entries are made later on demand.
/// </summary>
internal sealed class HostsParser
{
    /// <summary>Windows reads at most this many names from one line.</summary>
    public const int MaxNamesHonouredByWindows = 9;

    /// <summary>The longest host name DNS allows (RFC 1035, presentation form without the final dot).</summary>
    private const int MaxHostNameLength = 253;

    private static readonly bool[] HostNameBytes = BuildHostNameBytes();

    private readonly byte[] _buffer;
    private readonly string _path;

    public HostsParser(byte[] buffer, string path)
    {
        _buffer = buffer;
        _path = path;
    }

    public AddressTable Addresses { get; } = new();

    public LineRecord[] Lines { get; private set; } = System.Array.Empty<LineRecord>();

    public List<int> EntryLines { get; private set; } = new();

    public List<HostsProblem> Problems { get; } = new();

    public void Run(int start)
    {
        var end = _buffer.Length;
        Lines = new LineRecord[CountLines(start, end)];
        EntryLines = new List<int>(Lines.Length);
        var pos = start;
        var index = 0;
        while (pos < end)
        {
            var lineStart = pos;
            while (pos < end && _buffer[pos] != (byte)'\n' && _buffer[pos] != (byte)'\r')
            {
                pos++;
            }

            ref var line = ref Lines[index];
            line.Start = lineStart;
            line.Length = pos - lineStart;
            line.Ending = ReadEnding(ref pos, end);
            ParseLine(ref line, index);
            index++;
        }
    }

    public string Decode(int start, int length) => Encoding.UTF8.GetString(_buffer, start, length);

    public int BufferLength => _buffer.Length;

    /// <summary>The bytes parsed (for UTF-8, the file as read); callers must not change them.</summary>
    public byte[] Buffer => _buffer;

    public void CopyTo(System.IO.Stream destination, int start, int length) => destination.Write(_buffer, start, length);

    /// <summary>Whether <paramref name="b"/> may appear in a host name (ASCII letters, digits, '-', '.', '_', or a UTF-8 byte).</summary>
    public static bool IsHostNameByte(byte b) => HostNameBytes[b];

    public static int MaxNameLength => MaxHostNameLength;

    public static bool IsBlank(byte b) => b == (byte)' ' || b == (byte)'\t' || b == 0x0B || b == 0x0C;

    public int SkipBlanks(int pos, int end)
    {
        while (pos < end && IsBlank(_buffer[pos]))
        {
            pos++;
        }

        return pos;
    }

    public int TokenEnd(int pos, int end)
    {
        while (pos < end && !IsBlank(_buffer[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static bool[] BuildHostNameBytes()
    {
        var allowed = new bool[256];
        for (var b = 0; b < 256; b++)
        {
            // Letters, digits, '-', '.', '_' (common in real hosts files), and UTF-8 bytes of internationalised names.
            allowed[b] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b >= 0x80;
        }

        return allowed;
    }

    private int CountLines(int pos, int end)
    {
        var count = 0;
        while (pos < end)
        {
            while (pos < end && _buffer[pos] != (byte)'\n' && _buffer[pos] != (byte)'\r')
            {
                pos++;
            }

            ReadEnding(ref pos, end);
            count++;
        }

        return count;
    }

    private LineEnding ReadEnding(ref int pos, int end)
    {
        if (pos >= end)
        {
            return LineEnding.None;
        }

        if (_buffer[pos] == (byte)'\n')
        {
            pos++;
            return LineEnding.Lf;
        }

        if (pos + 1 < end && _buffer[pos + 1] == (byte)'\n')
        {
            pos += 2;
            return LineEnding.CrLf;
        }

        pos++;
        return LineEnding.Cr;
    }

    private void ParseLine(ref LineRecord line, int index)
    {
        line.AddressId = -1;
        line.EntryIndex = -1;
        line.ProblemIndex = -1;
        line.CommentStart = -1;
        var first = SkipBlanks(line.Start, line.End);
        if (first == line.End)
        {
            line.Kind = HostsLineKind.Blank;
            return;
        }

        if (_buffer[first] == (byte)'#')
        {
            // "# 127.0.0.1 old.test" is a switched-off entry; "# any prose" stays a comment.
            if (TryParseEntry(ref line, SkipBlanks(first + 1, line.End), out _, out _) == EntryFault.None)
            {
                AddEntry(ref line, index, HostsLineKind.DisabledEntry);
            }
            else
            {
                line.Kind = HostsLineKind.Comment;
                line.AddressId = -1;
                line.CommentStart = -1;
            }

            return;
        }

        var fault = TryParseEntry(ref line, first, out var faultStart, out var faultEnd);
        if (fault != EntryFault.None)
        {
            line.Kind = HostsLineKind.Malformed;
            line.AddressId = -1;
            line.CommentStart = -1;
            AddProblem(ref line, index, HostsProblemKind.Malformed, Describe(fault, faultStart, faultEnd));
            return;
        }

        AddEntry(ref line, index, HostsLineKind.Entry);
        if (line.NameCount > MaxNamesHonouredByWindows)
        {
            var reason = string.Format(
                CultureInfo.InvariantCulture,
                "{0} host names on one line; Windows reads only the first {1}. Split the names over several lines with the same address.",
                line.NameCount,
                MaxNamesHonouredByWindows);
            AddProblem(ref line, index, HostsProblemKind.TooManyNames, reason);
        }
    }

    private EntryFault TryParseEntry(ref LineRecord line, int pos, out int faultStart, out int faultEnd)
    {
        var end = line.End;
        var hash = System.Array.IndexOf(_buffer, (byte)'#', pos, end - pos);
        var dataEnd = hash < 0 ? end : hash;
        line.CommentStart = hash < 0 ? -1 : hash + 1;

        var addressEnd = TokenEnd(pos, dataEnd);
        faultStart = pos;
        faultEnd = addressEnd;
        line.AddressId = addressEnd == pos ? -1 : Addresses.Find(_buffer, pos, addressEnd - pos);
        if (line.AddressId < 0)
        {
            return EntryFault.NotAnAddress;
        }

        var name = SkipBlanks(addressEnd, dataEnd);
        if (name == dataEnd)
        {
            return EntryFault.NoHostName;
        }

        line.NamesStart = name;
        line.NameCount = 0;
        while (name < dataEnd)
        {
            var nameEnd = name;
            while (nameEnd < dataEnd && !IsBlank(_buffer[nameEnd]))
            {
                if (!HostNameBytes[_buffer[nameEnd]])
                {
                    faultStart = name;
                    faultEnd = TokenEnd(nameEnd, dataEnd);
                    return EntryFault.InvalidHostNameCharacter;
                }

                nameEnd++;
            }

            if (nameEnd - name > MaxHostNameLength)
            {
                faultStart = name;
                faultEnd = nameEnd;
                return EntryFault.HostNameTooLong;
            }

            line.NameCount++;
            line.NamesEnd = nameEnd;
            name = SkipBlanks(nameEnd, dataEnd);
        }

        return EntryFault.None;
    }

    private string Describe(EntryFault fault, int start, int end)
    {
        var token = Decode(start, end - start);
        return fault switch
        {
            EntryFault.NotAnAddress => $"'{token}' is not an IP address, so the line is ignored.",
            EntryFault.NoHostName => $"The address '{token}' has no host name after it, so the line is ignored.",
            EntryFault.InvalidHostNameCharacter => $"The host name '{token}' has characters a host name cannot have (only letters, digits, '-', '.' and '_'), so the line is ignored.",
            _ => $"The host name '{Truncate(token)}' is longer than {MaxHostNameLength} characters, so the line is ignored.",
        };
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";

    private void AddEntry(ref LineRecord line, int index, HostsLineKind kind)
    {
        line.Kind = kind;
        line.EntryIndex = EntryLines.Count;
        EntryLines.Add(index);
    }

    private void AddProblem(ref LineRecord line, int index, HostsProblemKind kind, string reason)
    {
        line.ProblemIndex = Problems.Count;
        Problems.Add(new HostsProblem(index + 1, Decode(line.Start, line.Length), reason, _path, kind));
    }
}
