using System.Text;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>What each edit writes, down to separators and line endings, and what it refuses.</summary>
public sealed class HostsEditorTests
{
    private static HostsEditor Editor(string text) => new(HostsDocument.Parse(text, "hosts"));

    private static string Text(HostsEditResult result) => Encoding.UTF8.GetString(result.ToBytes());

    [Fact]
    public void New_entry_uses_the_files_line_ending_and_encoding()
    {
        var editor = new HostsEditor(HostsFixtures.Load("crlf-bom.hosts"));
        editor.Add("::1", "api6.test", null, null, false);
        var bytes = editor.Build().ToBytes();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        Assert.EndsWith("# dev stack\r\n::1 api6.test\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory] // found by fuzzing: a later line starting with byte-order-mark bytes would become the file's first bytes
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    public void An_edit_that_would_change_the_files_encoding_is_refused_and_writes_nothing(byte[] mark)
    {
        var bytes = Encoding.UTF8.GetBytes("127.0.0.1 a.test\n").Concat(mark).Concat(Encoding.UTF8.GetBytes("127.0.0.1 b.test\n")).ToArray();
        var editor = new HostsEditor(HostsDocument.Parse(bytes, "hosts"));
        editor.Remove("a.test", null);

        var refused = Assert.Throws<LoopbackToolsException>(() => editor.Build());
        Assert.Equal(HostsErrors.EncodingWouldChangeId, refused.ErrorId);
        Assert.Contains("the file was not changed", refused.Remedy, StringComparison.Ordinal);
    }

    [Fact] // found by fuzzing (Fixtures/fuzz/hosts-editor)
    public void Removing_the_line_between_a_CR_line_and_a_blank_LF_line_keeps_the_blank_line()
    {
        var editor = Editor("127.0.0.1 a.test\r127.0.0.1 b.test\r\n\n127.0.0.1 c.test\n");
        editor.Remove("b.test", null);
        var result = editor.Build();

        Assert.Equal("127.0.0.1 a.test\r\r127.0.0.1 c.test\n", Text(result));
        Assert.Equal(new[] { "127.0.0.1 a.test", string.Empty, "127.0.0.1 c.test" }, result.Document.Lines.Select(l => l.Text));
    }

    [Theory]
    [InlineData("no-final-newline.hosts", "127.0.0.1 localhost\n::1 localhost\n127.0.0.1 app.test\n")]
    [InlineData("empty.hosts", "127.0.0.1 app.test\n")]
    public void The_new_line_follows_a_newline_even_when_the_file_had_none(string fixture, string expected)
    {
        var editor = new HostsEditor(HostsFixtures.Load(fixture));
        editor.Add("127.0.0.1", "app.test", null, null, false);
        Assert.Equal(expected, Text(editor.Build()));
    }

    [Fact]
    public void New_entry_follows_the_tab_after_the_address_of_the_last_entry()
    {
        Assert.Equal("127.0.0.1\tapp.test", Editor("127.0.0.1\tlocalhost\n").Add("127.0.0.1", "app.test", null, null, false).After);
        var macos = new HostsEditor(HostsFixtures.Load("macos.hosts"));
        Assert.Equal("127.0.0.1 app.test", macos.Add("127.0.0.1", "app.test", null, null, false).After);
        var debian = new HostsEditor(HostsFixtures.Load("debian.hosts"));
        Assert.Equal("127.0.0.1 app.test www.app.test # dev", debian.Add("127.0.0.1", "app.test", new[] { "www.app.test" }, "dev", false).After);
    }

    [Fact]
    public void Utf16_file_stays_utf16()
    {
        var editor = new HostsEditor(HostsFixtures.Load("utf16le.hosts"));
        editor.Add("127.0.0.1", "app.test", null, null, false);
        var result = editor.Build();
        Assert.Equal(HostsEncoding.Utf16LittleEndian, result.Document.Encoding);
        Assert.EndsWith("127.0.0.1 app.test\r\n", Encoding.Unicode.GetString(result.ToBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_name_already_mapped_needs_force_and_then_warns()
    {
        var editor = Editor("127.0.0.1 app.test www.app.test\n");
        var error = Assert.Throws<LoopbackToolsException>(() => editor.Add("192.0.2.1", "WWW.app.test", null, null, false));
        Assert.Equal("Hosts.NameAlreadyMapped", error.ErrorId);
        Assert.Equal(1, Assert.IsType<HostsEntry>(error.TargetObject).LineNumber);
        Assert.Empty(editor.Changes);

        editor.Add("192.0.2.1", "www.app.test", null, null, true);
        var warning = Assert.Single(editor.Build().Warnings);
        Assert.Equal(HostsWarningKind.NameMappedElsewhere, warning.Kind);
        Assert.Contains("'www.app.test' is also mapped to 127.0.0.1 on line 1; resolvers use the first line naming it (line 1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_adds_of_one_name_in_one_session_are_caught()
    {
        var editor = Editor("# empty\n");
        editor.Add("127.0.0.1", "app.test", null, null, false);
        Assert.Equal("Hosts.NameAlreadyMapped", Assert.Throws<LoopbackToolsException>(() => editor.Add("::1", "app.test", null, null, false)).ErrorId);
    }

    [Theory]
    [InlineData("127.1", "x.test", null, "Hosts.InvalidAddress")]
    [InlineData("127.0.0.1", "bad name", null, "Hosts.InvalidHostName")]
    [InlineData("127.0.0.1", "x#y", null, "Hosts.InvalidHostName")]
    [InlineData("127.0.0.1", "", null, "Hosts.InvalidHostName")]
    [InlineData("127.0.0.1", "x.test", "two\nlines", "Hosts.InvalidComment")]
    public void Bad_values_are_refused_before_anything_is_planned(string address, string name, string? comment, string errorId)
    {
        var editor = Editor("127.0.0.1 localhost\n");
        var error = Assert.Throws<LoopbackToolsException>(() => editor.Add(address, name, null, comment, false));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Empty(editor.Changes);
    }

    [Fact]
    public void Host_name_longer_than_253_is_refused()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => Editor("").Add("127.0.0.1", new string('a', 254), null, null, false));
        Assert.Equal("Hosts.InvalidHostName", error.ErrorId);
    }

    [Fact]
    public void Setting_the_address_rewrites_only_the_address()
    {
        var editor = new HostsEditor(HostsFixtures.Load("tabs-aliases-comments.hosts"));
        var change = Assert.Single(editor.Set("build.example", new HostsEntryUpdate("192.0.2.99", null, null, false, false)));
        Assert.Equal("\t192.0.2.10\t\tbuild.example   # leading tab", change.Before);
        Assert.Equal("\t192.0.2.99\t\tbuild.example   # leading tab", change.After);
        Assert.Equal("Change line 3 from '\t192.0.2.10\t\tbuild.example   # leading tab' to '\t192.0.2.99\t\tbuild.example   # leading tab'", change.ToString());
    }

    [Fact]
    public void Aliases_are_replaced_with_the_separator_already_between_names()
    {
        var editor = new HostsEditor(HostsFixtures.Load("tabs-aliases-comments.hosts"));
        var change = Assert.Single(editor.Set("www.app.test", new HostsEntryUpdate(null, new[] { "a.app.test", "b.app.test" }, null, false, false)));
        Assert.Equal("127.0.0.1    app.test   a.app.test   b.app.test   # local dev stack", change.After);
        var none = Assert.Single(editor.Set("app.test", new HostsEntryUpdate(null, Array.Empty<string>(), null, false, false)));
        Assert.Equal("127.0.0.1    app.test   # local dev stack", none.After);
        Assert.Single(editor.Changes);
    }

    [Theory]
    [InlineData("127.0.0.1 a.test", "note", "127.0.0.1 a.test # note")]
    [InlineData("127.0.0.1 a.test  \t", "note", "127.0.0.1 a.test # note")]
    [InlineData("127.0.0.1 a.test   # old", "new", "127.0.0.1 a.test   # new")]
    [InlineData("127.0.0.1 a.test#old", "new", "127.0.0.1 a.test# new")]
    [InlineData("127.0.0.1 a.test   # old", "", "127.0.0.1 a.test")]
    public void Comment_is_added_replaced_or_removed(string line, string comment, string expected)
    {
        var change = Assert.Single(Editor(line + "\n").Set("a.test", new HostsEntryUpdate(null, null, comment, false, false)));
        Assert.Equal(expected, change.After);
    }

    [Theory]
    [InlineData("127.0.0.1 a.test", true, "# 127.0.0.1 a.test")]
    [InlineData("\t127.0.0.1 a.test # c", true, "\t# 127.0.0.1 a.test # c")]
    [InlineData("# 127.0.0.1 a.test", false, "127.0.0.1 a.test")]
    [InlineData("#\t::1\ta.test # was", false, "::1\ta.test # was")]
    public void Disable_comments_out_and_enable_uncomments(string line, bool disable, string expected)
    {
        var change = Assert.Single(Editor(line + "\n").Set("a.test", new HostsEntryUpdate(null, null, null, !disable, disable)));
        Assert.Equal(expected, change.After);
    }

    [Fact]
    public void Disabled_lines_are_only_targeted_by_enable()
    {
        var editor = Editor("# 127.0.0.1 a.test\n");
        Assert.Equal("Hosts.EntryNotFound", Assert.Throws<LoopbackToolsException>(() => editor.Set("a.test", new HostsEntryUpdate("::1", null, null, false, false))).ErrorId);
        Assert.Equal("::1 a.test", Assert.Single(editor.Set("a.test", new HostsEntryUpdate("::1", null, null, true, false))).After);
    }

    [Fact]
    public void New_address_changes_only_the_lines_of_its_family()
    {
        var editor = new HostsEditor(HostsFixtures.Load("debian.hosts"));
        var change = Assert.Single(editor.Set("localhost", new HostsEntryUpdate("127.0.0.2", null, null, false, false)));
        Assert.Equal(1, change.LineNumber);
        var family = Assert.Single(Editor("127.0.0.1 a.test\n").Set("a.test", new HostsEntryUpdate("::1", null, null, false, false)));
        Assert.Equal("::1 a.test", family.After);
    }

    [Fact]
    public void Update_must_say_what_to_change_and_not_contradict_itself()
    {
        Assert.Equal("Hosts.InvalidUpdate", Assert.Throws<LoopbackToolsException>(() => new HostsEntryUpdate(null, null, null, false, false)).ErrorId);
        Assert.Equal("Hosts.InvalidUpdate", Assert.Throws<LoopbackToolsException>(() => new HostsEntryUpdate(null, null, null, true, true)).ErrorId);
        Assert.Equal("Hosts.InvalidHostName", Assert.Throws<LoopbackToolsException>(() => new HostsEntryUpdate(null, new[] { "a b" }, null, false, false)).ErrorId);
    }

    [Fact]
    public void Setting_a_name_that_is_not_there_is_EntryNotFound()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => Editor("127.0.0.1 a.test\n").Set("b.test", new HostsEntryUpdate("::1", null, null, false, false)));
        Assert.Equal("Hosts.EntryNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
    }

    [Fact]
    public void No_op_update_plans_nothing()
    {
        var editor = Editor("127.0.0.1 a.test\n");
        Assert.Empty(editor.Set("a.test", new HostsEntryUpdate("127.0.0.1", null, null, true, false)));
        Assert.Empty(editor.Changes);
    }

    [Fact]
    public void Removing_a_name_keeps_the_other_names_of_its_line()
    {
        var editor = new HostsEditor(HostsFixtures.Load("tabs-aliases-comments.hosts"));
        var changes = editor.Remove("www.app.test", null);
        Assert.Equal("127.0.0.1    app.test   api.app.test   # local dev stack", Assert.Single(changes).After);
        Assert.Equal(HostsChangeKind.Change, changes[0].Kind);
    }

    [Fact]
    public void Removing_the_only_name_removes_the_line_disabled_lines_included()
    {
        var editor = new HostsEditor(HostsFixtures.Load("disabled.hosts"));
        var change = Assert.Single(editor.Remove("old.test", null));
        Assert.Equal((HostsChangeKind.Remove, 2), (change.Kind, change.LineNumber));
        Assert.Equal("Remove line 2 '# 127.0.0.1 old.test'", change.ToString());
        Assert.Equal(8, editor.Build().Document.Lines.Count + 1);
    }

    [Fact]
    public void Removing_by_address_removes_whole_lines_of_that_address()
    {
        var editor = new HostsEditor(HostsFixtures.Load("debian.hosts"));
        var changes = editor.Remove(null, "0:0::1");
        Assert.Equal(new[] { 5 }, changes.Select(c => c.LineNumber));
        Assert.Equal("Hosts.EntryNotFound", Assert.Throws<LoopbackToolsException>(() => editor.Remove("debian", "::1")).ErrorId);
        Assert.Equal("Hosts.InvalidUpdate", Assert.Throws<LoopbackToolsException>(() => editor.Remove(null, null)).ErrorId);
    }

    [Fact]
    public void Removing_or_setting_a_line_that_no_longer_holds_the_name_is_a_concurrency_error()
    {
        var editor = new HostsEditor(HostsFixtures.Load("debian.hosts"));
        Assert.Equal("Hosts.ConcurrentModification", Assert.Throws<LoopbackToolsException>(() => editor.RemoveLine(2, "localhost")).ErrorId);
        Assert.Equal("Hosts.ConcurrentModification", Assert.Throws<LoopbackToolsException>(() => editor.SetLine(99, "localhost", new HostsEntryUpdate(null, null, "x", false, false))).ErrorId);
        Assert.Equal(2, editor.RemoveLine(2, "DEBIAN").LineNumber);
    }

    [Fact]
    public void Build_can_leave_out_edits_that_were_not_confirmed()
    {
        var editor = Editor("127.0.0.1 a.test\n127.0.0.1 b.test\n");
        var first = Assert.Single(editor.Remove("a.test", null));
        editor.Add("127.0.0.1", "c.test", null, null, false);
        Assert.Equal(2, editor.Changes.Count);
        Assert.Equal("127.0.0.1 b.test\n127.0.0.1 c.test\n", Text(editor.Build()));
        Assert.Equal("127.0.0.1 b.test\n", Text(editor.Build(new[] { first })));
        Assert.Equal("127.0.0.1 a.test\n127.0.0.1 b.test\n", Text(editor.Build(Array.Empty<HostsLineChange>())));
    }

    [Fact]
    public void Entries_of_the_result_carry_new_line_numbers()
    {
        var editor = Editor("127.0.0.1 a.test\n127.0.0.1 b.test\n127.0.0.1 c.test\n");
        editor.Remove("a.test", null);
        editor.Set("c.test", new HostsEntryUpdate(null, null, "kept", false, false));
        var result = editor.Build();
        Assert.Equal(new[] { (2, "c.test") }, result.Entries.Select(e => (e.LineNumber, e.HostName)));
        Assert.Equal("a.test", Assert.Single(result.RemovedEntries).HostName);
    }
}
