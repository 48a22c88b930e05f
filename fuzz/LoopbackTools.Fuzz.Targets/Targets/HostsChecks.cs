using LoopbackTools.Hosts;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>The promises of <see cref="HostsDocument"/>, checked on any parsed document.</summary>
internal static class HostsChecks
{
    public const string Path = "fuzz.hosts";

    /// <summary>Every line, entry and problem is readable and consistent, and writing the document parses back to it.</summary>
    public static void Document(HostsDocument document, byte[] read)
    {
        var lines = document.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            FuzzInvariantException.Check(line.LineNumber == i + 1, "lines are numbered from 1 in order");
            FuzzInvariantException.Check(line.Text.IndexOfAny(new[] { '\r', '\n' }) < 0, $"line {i + 1} holds no line break");
            FuzzInvariantException.Check(line.Ending != LineEnding.None || i == lines.Count - 1, $"only the last line may lack an ending (line {i + 1})");
            FuzzInvariantException.Check((line.Entry is not null) == (line.Kind is HostsLineKind.Entry or HostsLineKind.DisabledEntry), $"line {i + 1} has an entry exactly when it is one");
        }

        foreach (var entry in document.Entries)
        {
            FuzzInvariantException.Check(entry.LineNumber >= 1 && entry.LineNumber <= lines.Count, "an entry's line exists");
            FuzzInvariantException.Check(lines[entry.LineNumber - 1].Entry?.ToString() == entry.ToString(), "an entry is its line's entry");
            FuzzInvariantException.Check(entry.HostName.Length > 0 && entry.IPAddress.Length > 0, "an entry has an address and a name");
            FuzzInvariantException.Check(entry.Aliases.All(a => a.Length > 0 && a.IndexOfAny(new[] { ' ', '\t', '#' }) < 0), "aliases are single non-empty words");
        }

        foreach (var problem in document.Problems)
        {
            FuzzInvariantException.Check(problem.LineNumber >= 1 && problem.LineNumber <= lines.Count && problem.Reason.Length > 0, "a problem names a real line and a reason");
        }

        var written = document.ToBytes();
        if (document.Encoding is HostsEncoding.Utf8 or HostsEncoding.Utf8WithBom)
        {
            FuzzInvariantException.Check(written.AsSpan().SequenceEqual(read), "a UTF-8 document writes back byte for byte");
        }

        var reparsed = HostsDocument.Parse(written, Path);
        FuzzInvariantException.Check(reparsed.Encoding == document.Encoding, "parse(write(doc)) keeps the encoding");
        FuzzInvariantException.Check(SameLines(reparsed, document), "parse(write(doc)) has the same lines");
        FuzzInvariantException.Check(reparsed.ToBytes().AsSpan().SequenceEqual(written), "write(parse(write(doc))) is stable");
    }

    public static bool SameLines(HostsDocument a, HostsDocument b) =>
        a.Lines.Count == b.Lines.Count && a.Lines.Zip(b.Lines).All(p => p.First.Text == p.Second.Text && p.First.Ending == p.Second.Ending && p.First.Kind == p.Second.Kind);

    /// <summary>One line's bytes as written (ending included).</summary>
    public static byte[] LineBytes(HostsDocument document, int lineNumber)
    {
        using var stream = new MemoryStream();
        document.WriteLine(lineNumber, stream);
        return stream.ToArray();
    }
}
