using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LoopbackTools.Hosts;

/// <summary>
/// A hosts file held losslessly: every line keeps its exact bytes and its own line ending, and the
/// encoding, byte order mark and missing final newline are remembered, so <see cref="ToBytes"/> (and an
/// editor writing lines back with <see cref="WriteLine"/>) reproduces untouched lines byte for byte.
/// Entries and line objects are made on first access; parsing itself allocates only a compact line table.
/// </summary>
public sealed class HostsDocument
{
    private static readonly Encoding StrictUtf16LittleEndian = new UnicodeEncoding(false, false);
    private static readonly Encoding StrictUtf16BigEndian = new UnicodeEncoding(true, false);
    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };
    private static readonly byte[][] EndingBytes = { Array.Empty<byte>(), new[] { (byte)'\n' }, new[] { (byte)'\r', (byte)'\n' }, new[] { (byte)'\r' } };

    private readonly HostsParser _parser;
    private readonly LineRecord[] _lines;
    private readonly int[] _entryLines;
    private HostsManagedSections? _managed;

    private HostsDocument(byte[] buffer, int start, HostsEncoding encoding, string path)
    {
        Path = path ?? string.Empty;
        Encoding = encoding;
        _parser = new HostsParser(buffer, Path);
        _parser.Run(start);
        _lines = _parser.Lines;
        _entryLines = _parser.EntryLines.ToArray();
        Problems = _parser.Problems.ToArray();
        Lines = new LazyList<HostsLine>(_lines.Length, CreateLine);
        Entries = new LazyList<HostsEntry>(_entryLines.Length, CreateEntry);
    }

    public string Path { get; }

    public HostsEncoding Encoding { get; }

    /// <summary>Every line, blank and comment lines included.</summary>
    public IReadOnlyList<HostsLine> Lines { get; }

    /// <summary>Every entry, enabled and disabled (commented-out), in file order.</summary>
    public IReadOnlyList<HostsEntry> Entries { get; }

    /// <summary>Malformed lines and lines with more names than Windows reads, in file order.</summary>
    public IReadOnlyList<HostsProblem> Problems { get; }

    /// <summary>False when the last line has no line ending (an empty file counts as ending with one).</summary>
    public bool EndsWithNewline => _lines.Length == 0 || _lines[_lines.Length - 1].Ending != LineEnding.None;

    /// <summary>The ending most lines use (LF for a file without any): what an editor should give new lines.</summary>
    public LineEnding PreferredLineEnding
    {
        get
        {
            var counts = new int[4];
            foreach (var line in _lines)
            {
                counts[(int)line.Ending]++;
            }

            var best = LineEnding.Lf;
            foreach (var ending in new[] { LineEnding.CrLf, LineEnding.Cr })
            {
                if (counts[(int)ending] > counts[(int)best])
                {
                    best = ending;
                }
            }

            return best;
        }
    }

    internal int EntryCount => _entryLines.Length;

    /// <summary>The lines WSL or Docker Desktop rewrite (found on first use).</summary>
    internal HostsManagedSections ManagedSections =>
        _managed ??= HostsManagedSections.Find(_lines.Length, i => _lines[i].Kind, i => _parser.Decode(_lines[i].Start, _lines[i].Length), Path);

    /// <summary>Bytes held (the file's size for UTF-8): a good initial capacity for rebuilding it.</summary>
    internal int ContentLength => _parser.BufferLength;

    /// <summary>Reads and parses a hosts file.</summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.FileNotFound, Hosts.AccessDenied, Hosts.ReadFailed or Hosts.FileTooLarge.</exception>
    public static HostsDocument Load(string path) => FromOwnedBytes(HostsFileReader.ReadAllBytes(path), path);

    /// <summary>Parses a hosts file's raw bytes; <paramref name="path"/> is only reported on entries and problems.</summary>
    public static HostsDocument Parse(byte[] content, string path)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        return FromOwnedBytes((byte[])content.Clone(), path);
    }

    /// <summary>Parses hosts file text; it is kept as UTF-8 (with a BOM if the text starts with U+FEFF).</summary>
    public static HostsDocument Parse(string text, string path)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return FromOwnedBytes(System.Text.Encoding.UTF8.GetBytes(text), path);
    }

    /// <summary>The file's bytes rebuilt line by line: identical to what was read.</summary>
    public byte[] ToBytes()
    {
        using var output = new MemoryStream(_parser.BufferLength + 4);
        var preamble = Preamble(Encoding);
        output.Write(preamble, 0, preamble.Length);
        for (var i = 0; i < _lines.Length; i++)
        {
            WriteLine(i + 1, output);
        }

        return output.ToArray();
    }

    /// <summary>Writes one line's original bytes, line ending included, in the file's encoding (no preamble).</summary>
    public void WriteLine(int lineNumber, Stream destination)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        if (lineNumber < 1 || lineNumber > _lines.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(lineNumber));
        }

        var line = _lines[lineNumber - 1];
        var textEncoding = TextEncoding(Encoding);
        if (textEncoding is null)
        {
            // UTF-8 is kept as read: copying the bytes preserves even invalid sequences.
            _parser.CopyTo(destination, line.Start, line.Length);
            var bytes = EndingBytes[(int)line.Ending];
            destination.Write(bytes, 0, bytes.Length);
            return;
        }

        var encoded = textEncoding.GetBytes(_parser.Decode(line.Start, line.Length) + EndingText(line.Ending));
        destination.Write(encoded, 0, encoded.Length);
    }

    public static string EndingText(LineEnding ending) => ending switch
    {
        LineEnding.Lf => "\n",
        LineEnding.CrLf => "\r\n",
        LineEnding.Cr => "\r",
        _ => string.Empty,
    };

    /// <summary>The byte order mark (or nothing) the file starts with.</summary>
    internal byte[] PreambleBytes => Preamble(Encoding);

    /// <summary>New line text plus its ending, in the file's encoding: what an editor writes for a changed line.</summary>
    internal byte[] EncodeLine(string text, LineEnding ending) =>
        (TextEncoding(Encoding) ?? System.Text.Encoding.UTF8).GetBytes(text + EndingText(ending));

    /// <summary>Line <paramref name="lineNumber"/>'s ending, without making its line object.</summary>
    internal LineEnding EndingOf(int lineNumber) => _lines[lineNumber - 1].Ending;

    /// <summary>True for an empty line ended by LF: written right after a CR it would read back as one CRLF.</summary>
    internal bool IsEmptyLfLine(int lineNumber) => _lines[lineNumber - 1].Length == 0 && _lines[lineNumber - 1].Ending == LineEnding.Lf;

    /// <summary>Offset of line <paramref name="lineNumber"/>'s first byte in the file as read (BOM counted); UTF-8 files only.</summary>
    internal int LineOffset(int lineNumber) => _lines[lineNumber - 1].Start;

    /// <summary>The file's bytes as read: the parse buffer itself for UTF-8 (no copy), rebuilt for UTF-16.</summary>
    internal byte[] RawContent() => Encoding is HostsEncoding.Utf8 or HostsEncoding.Utf8WithBom ? _parser.Buffer : ToBytes();

    /// <summary>Bytes of line <paramref name="lineNumber"/>'s text (ending excluded); UTF-8 files only.</summary>
    internal int LineLength(int lineNumber) => _lines[lineNumber - 1].Length;

    internal AddressInfo EntryAddress(int entryIndex) => _parser.Addresses[_lines[_entryLines[entryIndex]].AddressId];

    /// <summary>The entry on line <paramref name="lineNumber"/> (null: none), without making its line object.</summary>
    internal HostsEntry? EntryOfLine(int lineNumber) => _lines[lineNumber - 1].EntryIndex < 0 ? null : Entries[_lines[lineNumber - 1].EntryIndex];

    internal bool EntryEnabled(int entryIndex) => _lines[_entryLines[entryIndex]].Kind == HostsLineKind.Entry;

    private static HostsDocument FromOwnedBytes(byte[] content, string path)
    {
        if (StartsWith(content, Utf8Bom))
        {
            return new HostsDocument(content, Utf8Bom.Length, HostsEncoding.Utf8WithBom, path);
        }

        foreach (var encoding in new[] { HostsEncoding.Utf16LittleEndian, HostsEncoding.Utf16BigEndian })
        {
            var preamble = Preamble(encoding);
            if (StartsWith(content, preamble))
            {
                // Parsing works on UTF-8; UTF-16 text is converted once and converted back line by line on writing.
                var text = TextEncoding(encoding)!.GetString(content, preamble.Length, content.Length - preamble.Length);
                return new HostsDocument(System.Text.Encoding.UTF8.GetBytes(text), 0, encoding, path);
            }
        }

        return new HostsDocument(content, 0, HostsEncoding.Utf8, path);
    }

    private static Encoding? TextEncoding(HostsEncoding encoding) => encoding switch
    {
        HostsEncoding.Utf16LittleEndian => StrictUtf16LittleEndian,
        HostsEncoding.Utf16BigEndian => StrictUtf16BigEndian,
        _ => null,
    };

    private static byte[] Preamble(HostsEncoding encoding) => encoding switch
    {
        HostsEncoding.Utf8WithBom => Utf8Bom,
        HostsEncoding.Utf16LittleEndian => new byte[] { 0xFF, 0xFE },
        HostsEncoding.Utf16BigEndian => new byte[] { 0xFE, 0xFF },
        _ => Array.Empty<byte>(),
    };

    private static bool StartsWith(byte[] content, byte[] prefix)
    {
        if (content.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (content[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private HostsLine CreateLine(int index)
    {
        var line = _lines[index];
        var entry = line.EntryIndex < 0 ? null : Entries[line.EntryIndex];
        var problem = line.ProblemIndex < 0 ? null : Problems[line.ProblemIndex];
        return new HostsLine(index + 1, _parser.Decode(line.Start, line.Length), line.Ending, line.Kind, entry, problem);
    }

    private HostsEntry CreateEntry(int entryIndex)
    {
        var lineIndex = _entryLines[entryIndex];
        var line = _lines[lineIndex];
        var address = _parser.Addresses[line.AddressId];
        var names = line.NameCount == 1 ? null : new string[line.NameCount - 1];
        var pos = line.NamesStart;
        var hostName = string.Empty;
        for (var n = 0; n < line.NameCount; n++)
        {
            var end = _parser.TokenEnd(pos, line.NamesEnd);
            var name = _parser.Decode(pos, end - pos);
            if (n == 0)
            {
                hostName = name;
            }
            else
            {
                names![n - 1] = name;
            }

            pos = _parser.SkipBlanks(end, line.NamesEnd);
        }

        var comment = line.CommentStart < 0 ? string.Empty : _parser.Decode(line.CommentStart, line.End - line.CommentStart).Trim();
        return new HostsEntry(address.Text, hostName, names ?? Array.Empty<string>(), comment, line.Kind == HostsLineKind.Entry, lineIndex + 1, Path, address.Family, address.Scope, ManagedSections.ManagerOf(lineIndex + 1));
    }
}
