using System.Collections.Generic;
using System.Net;

namespace LoopbackTools.Hosts;

/// <summary>
/// One line of a hosts file as glibc reads it. Lines end only at LF (a lone CR is whitespace inside a line);
/// the content ends at the first NUL or '#'. Names are kept byte for byte as Latin-1 strings (one char a byte), since glibc
/// compares bytes, not characters.
/// </summary>
internal sealed class GlibcHostsLine
{
    public GlibcHostsLine(int lineNumber, int start, int end, GlibcLineKind kind, string addressToken, IPAddress? address, IReadOnlyList<string> names, int nulOffset, bool tailRepeated)
    {
        LineNumber = lineNumber;
        Start = start;
        End = end;
        Kind = kind;
        AddressToken = addressToken;
        Address = address;
        Names = names;
        NulOffset = nulOffset;
        TailRepeated = tailRepeated;
    }

    /// <summary>1-based, counting LF-ended lines.</summary>
    public int LineNumber { get; }

    /// <summary>Offset of the line's first byte in the file (a byte-order mark included).</summary>
    public int Start { get; }

    /// <summary>Offset of the LF that ends it (or of the file's end).</summary>
    public int End { get; }

    public GlibcLineKind Kind { get; }

    /// <summary>The first field, byte for byte (Latin-1); empty for blank and comment lines.</summary>
    public string AddressToken { get; }

    public IPAddress? Address { get; }

    /// <summary>The canonical name then the aliases, byte for byte (Latin-1).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Offset in the file of a NUL byte that ends glibc's reading of the line; -1: none.</summary>
    public int NulOffset { get; }

    /// <summary>True when glibc's removal of leading blanks left the line's last bytes repeated after it (see GlibcHostsFile).</summary>
    public bool TailRepeated { get; }

    /// <summary>Whether glibc's lookup of <paramref name="name"/> (Latin-1 bytes) matches this line: ASCII case folded only (strcasecmp in the C locale).</summary>
    public bool Maps(string name)
    {
        if (Kind != GlibcLineKind.Entry)
        {
            return false;
        }

        foreach (var candidate in Names)
        {
            if (GlibcHostsFile.SameName(candidate, name))
            {
                return true;
            }
        }

        return false;
    }
}
