using System.Text;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// The bytes an edit must produce, built independently of the editor: the original file cut at the edited
/// line's byte range (found by writing the lines before it) with the new text spliced in.
/// </summary>
public static class HostsSplice
{
    public static byte[] Replace(HostsDocument document, byte[] original, int lineNumber, string? newText)
    {
        var (start, end) = ByteRange(document, original, lineNumber);
        var ending = document.Lines[lineNumber - 1].Ending;
        var middle = newText is null ? Array.Empty<byte>() : Encode(document, newText + HostsDocument.EndingText(ending));
        return original.Take(start).Concat(middle).Concat(original.Skip(end)).ToArray();
    }

    public static byte[] Append(HostsDocument document, byte[] original, string newText)
    {
        var ending = HostsDocument.EndingText(document.PreferredLineEnding);
        var fix = document.EndsWithNewline ? string.Empty : ending;
        return original.Concat(Encode(document, fix + newText + ending)).ToArray();
    }

    public static byte[] Encode(HostsDocument document, string text) => document.Encoding switch
    {
        HostsEncoding.Utf16LittleEndian => Encoding.Unicode.GetBytes(text),
        HostsEncoding.Utf16BigEndian => Encoding.BigEndianUnicode.GetBytes(text),
        _ => Encoding.UTF8.GetBytes(text),
    };

    /// <summary>[start, end) of line <paramref name="lineNumber"/> in <paramref name="original"/>, line ending included.</summary>
    public static (int Start, int End) ByteRange(HostsDocument document, byte[] original, int lineNumber)
    {
        using var before = new MemoryStream();
        for (var n = 1; n < lineNumber; n++)
        {
            document.WriteLine(n, before);
        }

        using var line = new MemoryStream();
        document.WriteLine(lineNumber, line);
        var preamble = original.Length - (int)document.Lines.Sum(l => LineLength(document, l.LineNumber));
        var start = preamble + (int)before.Length;
        return (start, start + (int)line.Length);
    }

    private static long LineLength(HostsDocument document, int lineNumber)
    {
        using var line = new MemoryStream();
        document.WriteLine(lineNumber, line);
        return line.Length;
    }
}
