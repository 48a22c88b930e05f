using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// Edits on every real-world fixture (CRLF + BOM, UTF-16, tabs, aliases, inline comments, disabled lines,
/// scoped IPv6, mixed endings, no final newline, malformed lines, Latin-1 bytes) change exactly the edited
/// line's bytes: the rest of the file is byte-identical.
/// </summary>
public sealed class HostsEditRoundTripTests
{
    public static TheoryData<string> Fixtures => HostsFixtures.All();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Setting_a_comment_changes_only_that_line(string fixture)
    {
        var original = File.ReadAllBytes(HostsFixtures.PathOf(fixture));
        var document = HostsDocument.Parse(original, fixture);
        foreach (var entry in document.Entries.Where(e => e.Enabled))
        {
            var editor = new HostsEditor(document);
            var change = Assert.Single(editor.Set(entry.HostName, new HostsEntryUpdate(null, null, "edited", false, false)), c => c.LineNumber == entry.LineNumber);
            var result = editor.Build(new[] { change });

            Assert.Equal(HostsSplice.Replace(document, original, entry.LineNumber, change.After), result.ToBytes());
            var edited = result.Document.Lines[entry.LineNumber - 1].Entry!;
            Assert.Equal("edited", edited.Comment);
            Assert.Equal(entry.ToString(), edited.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Adding_appends_one_line_and_keeps_every_byte_before_it(string fixture)
    {
        var original = File.ReadAllBytes(HostsFixtures.PathOf(fixture));
        var document = HostsDocument.Parse(original, fixture);
        var editor = new HostsEditor(document);
        var change = editor.Add("127.0.0.1", "added.test", new[] { "www.added.test" }, "new", false);
        var result = editor.Build();

        Assert.Equal(HostsSplice.Append(document, original, change.After!), result.ToBytes());
        Assert.Equal(document.Encoding, result.Document.Encoding);
        var added = Assert.Single(result.Entries);
        Assert.Equal(("127.0.0.1", "added.test", "new", result.Document.Lines.Count), (added.IPAddress, added.HostName, added.Comment, added.LineNumber));
        Assert.Equal(document.Lines.Count + 1, result.Document.Lines.Count);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Disabling_then_enabling_every_entry_restores_the_file(string fixture)
    {
        var original = File.ReadAllBytes(HostsFixtures.PathOf(fixture));
        var document = HostsDocument.Parse(original, fixture);
        var enabled = document.Entries.Where(e => e.Enabled).ToList();
        var disabling = new HostsEditor(document);
        foreach (var entry in enabled)
        {
            disabling.SetLine(entry.LineNumber, entry.HostName, new HostsEntryUpdate(null, null, null, false, true));
        }

        var off = disabling.Build();
        Assert.All(enabled, e => Assert.False(off.Document.Lines[e.LineNumber - 1].Entry!.Enabled));
        Assert.Equal(document.Lines.Count, off.Document.Lines.Count);

        var enabling = new HostsEditor(off.Document);
        foreach (var entry in enabled)
        {
            enabling.SetLine(entry.LineNumber, entry.HostName, new HostsEntryUpdate(null, null, null, true, false));
        }

        Assert.Equal(original, enabling.Build().ToBytes());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Removing_a_line_cuts_exactly_its_bytes(string fixture)
    {
        var original = File.ReadAllBytes(HostsFixtures.PathOf(fixture));
        var document = HostsDocument.Parse(original, fixture);
        foreach (var entry in document.Entries)
        {
            var editor = new HostsEditor(document);
            editor.RemoveLine(entry.LineNumber, entry.HostName);
            var result = editor.Build();
            Assert.Equal(HostsSplice.Replace(document, original, entry.LineNumber, null), result.ToBytes());
            Assert.Equal(entry.ToString(), Assert.Single(result.RemovedEntries).ToString());
        }
    }

    [Fact]
    public void Blocklist_of_265k_entries_changes_only_the_edited_and_added_lines()
    {
        var original = HostsBlocklistTests.Content;
        var document = HostsDocument.Parse(original, "blocklist");
        var editor = new HostsEditor(document);
        var set = Assert.Single(editor.Set("ad-123456.tracker-825.example", new HostsEntryUpdate("127.0.0.1", null, null, false, false)));
        var add = editor.Add("127.0.0.1", "dev.test", null, null, false);
        var result = editor.Build();

        Assert.Equal("127.0.0.1 ad-123456.tracker-825.example", set.After);
        var expected = HostsSplice.Append(document, HostsSplice.Replace(document, original, set.LineNumber, set.After), add.After!);
        Assert.Equal(expected, result.ToBytes());
        Assert.Equal(document.Entries.Count + 1, result.Document.Entries.Count);
    }
}
