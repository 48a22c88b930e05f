using LoopbackTools.Hosts;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>
/// What an edit promises, whatever the file and the edit: every line not edited keeps its bytes and ending
/// (only a last line without a newline gains one when lines are appended), edited lines hold exactly their
/// planned text, added lines come last with the file's prevailing ending, and the result parses back to itself.
/// </summary>
public static class HostsEditChecks
{
    public static void Result(HostsDocument before, HostsEditResult result)
    {
        var after = result.Document;
        var bytes = result.ToBytes();
        HostsChecks.Document(after, bytes);
        FuzzInvariantException.Check(after.Encoding == before.Encoding, "an edit keeps the encoding");

        var edits = result.Changes.Where(c => c.Kind != HostsChangeKind.Add).ToDictionary(c => c.LineNumber);
        var added = result.Changes.Where(c => c.Kind == HostsChangeKind.Add).ToList();
        var expected = new List<(string Text, LineEnding Ending, int Original)>();
        for (var n = 1; n <= before.Lines.Count; n++)
        {
            var line = before.Lines[n - 1];
            if (!edits.TryGetValue(n, out var edit))
            {
                // An empty LF line right after a CR would merge into one CRLF: the editor ends it with CR instead.
                var merges = line.Text.Length == 0 && line.Ending == LineEnding.Lf && expected.Count > 0 && expected[^1].Ending == LineEnding.Cr;
                expected.Add(merges ? (string.Empty, LineEnding.Cr, 0) : (line.Text, line.Ending, n));
            }
            else if (edit.After is not null)
            {
                FuzzInvariantException.Check(edit.Before == line.Text, $"change of line {n} names its text before");
                expected.Add((edit.After, line.Ending, 0));
            }
        }

        if (added.Count > 0 && expected.Count > 0 && expected[^1].Ending == LineEnding.None)
        {
            expected[^1] = (expected[^1].Text, before.PreferredLineEnding, -expected[^1].Original);
        }

        expected.AddRange(added.Select(a => (a.After!, before.PreferredLineEnding, 0)));
        FuzzInvariantException.Check(after.Lines.Count == expected.Count, $"the edited file has {expected.Count} lines, not {after.Lines.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            var (text, ending, original) = expected[i];
            var line = after.Lines[i];
            FuzzInvariantException.Check(line.Text == text && line.Ending == ending, $"line {i + 1} is '{text}' ({ending}), not '{line.Text}' ({line.Ending})");
            if (original > 0 && before.Encoding is HostsEncoding.Utf8 or HostsEncoding.Utf8WithBom)
            {
                FuzzInvariantException.Check(HostsChecks.LineBytes(after, i + 1).AsSpan().SequenceEqual(HostsChecks.LineBytes(before, original)), $"untouched line {original} keeps its bytes");
            }
        }
    }
}
