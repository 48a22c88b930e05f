using System.Text;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// Set with a new address moves only the names asked for (issue 31): an alias leaves its line for a new line right
/// after it, the line's first name (the entry itself) or <c>wholeLine</c> moves the whole line, and every other line
/// keeps its bytes.
/// </summary>
public sealed class HostsPerNameSetTests
{
    private static HostsEditor Editor(string text) => new(HostsDocument.Parse(text, "hosts"));

    private static string Text(HostsEditResult result) => Encoding.UTF8.GetString(result.ToBytes());

    private static HostsEntryUpdate To(string address) => new(address, null, null, false, false);

    [Fact]
    public void An_alias_moves_to_a_new_line_after_its_own_and_every_other_byte_stays()
    {
        var original = Encoding.UTF8.GetBytes("# dev\r\n127.0.0.1\tlocalhost\r\n127.0.0.1 app.test www.app.test # c\r\n::1 localhost\n\n# end");
        var document = HostsDocument.Parse(original, "hosts");
        var editor = new HostsEditor(document);

        var change = Assert.Single(editor.Set("www.app.test", To("127.0.0.9")));

        Assert.Equal((HostsChangeKind.Change, 3), (change.Kind, change.LineNumber));
        Assert.Equal("127.0.0.1 app.test # c", change.After);
        Assert.Equal(new[] { "127.0.0.9 www.app.test" }, change.Inserted);
        Assert.Equal("Change line 3 from '127.0.0.1 app.test www.app.test # c' to '127.0.0.1 app.test # c' and add line '127.0.0.9 www.app.test' after it", change.ToString());
        var result = editor.Build();
        Assert.Equal(HostsSplice.Replace(document, original, 3, "127.0.0.1 app.test # c\r\n127.0.0.9 www.app.test"), result.ToBytes());
        Assert.Equal(new[] { (3, "127.0.0.1", "app.test"), (4, "127.0.0.9", "www.app.test") }, result.Entries.Select(e => (e.LineNumber, e.IPAddress, e.HostName)));
        Assert.Equal("127.0.0.9", Assert.Single(result.Document.Entries, e => e.HostName == "www.app.test").IPAddress);
    }

    [Fact]
    public void The_first_name_is_the_entry_and_moves_the_whole_line_with_its_aliases()
    {
        var change = Assert.Single(Editor("127.0.0.1 app.test www.app.test # c\n").Set("app.test", To("127.0.0.9")));
        Assert.Equal("127.0.0.9 app.test www.app.test # c", change.After);
        Assert.Empty(change.Inserted);
    }

    [Fact]
    public void WholeLine_moves_the_line_of_an_alias_as_before()
    {
        var change = Assert.Single(Editor("127.0.0.1 app.test www.app.test # c\n").Set("www.app.test", To("127.0.0.9"), wholeLine: true));
        Assert.Equal("127.0.0.9 app.test www.app.test # c", change.After);
        Assert.Empty(change.Inserted);
    }

    [Fact]
    public void The_new_line_takes_the_lines_indentation_and_separators_but_not_its_comment()
    {
        var editor = Editor("\t127.0.0.1\tapp.test\twww.app.test\tapi.app.test\t# c\n");
        editor.Set("www.app.test", To("::1"));
        Assert.Equal("\t127.0.0.1\tapp.test\tapi.app.test\t# c\n\t::1\twww.app.test\n", Text(editor.Build()));
    }

    [Fact]
    public void A_wildcard_moves_every_matching_alias_of_a_line_together()
    {
        var editor = Editor("127.0.0.1 app.test www.app.test api.app.test other.test\n");
        editor.Set("*.app.test", To("127.0.0.9"));
        Assert.Equal("127.0.0.1 app.test other.test\n127.0.0.9 www.app.test api.app.test\n", Text(editor.Build()));
    }

    [Theory]
    [InlineData("127.0.0.1 app.test www.app.test", "127.0.0.1 app.test\n127.0.0.9 www.app.test")]
    [InlineData("127.0.0.1 app.test www.app.test\r127.0.0.1 b.test\r\n", "127.0.0.1 app.test\r127.0.0.9 www.app.test\r127.0.0.1 b.test\r\n")]
    public void The_split_lines_end_as_the_line_did_and_a_file_without_final_newline_keeps_none(string file, string expected)
    {
        var editor = Editor(file);
        editor.Set("www.app.test", To("127.0.0.9"));
        Assert.Equal(expected, Text(editor.Build()));
    }

    [Fact]
    public void Aliases_comment_and_disable_apply_to_the_moved_name_only()
    {
        var editor = Editor("127.0.0.1 app.test www.app.test # c\n");
        editor.Set("www.app.test", new HostsEntryUpdate("127.0.0.9", new[] { "w.app.test" }, "moved", enable: false, disable: true));
        Assert.Equal("127.0.0.1 app.test # c\n# 127.0.0.9 www.app.test w.app.test # moved\n", Text(editor.Build()));
    }

    [Fact]
    public void Enable_on_a_switched_off_line_switches_on_only_the_moved_name()
    {
        var editor = Editor("# 127.0.0.1 app.test www.app.test\n");
        editor.Set("www.app.test", new HostsEntryUpdate("127.0.0.9", null, null, enable: true, disable: false));
        Assert.Equal("# 127.0.0.1 app.test\n127.0.0.9 www.app.test\n", Text(editor.Build()));
    }

    [Fact]
    public void A_name_on_several_lines_leaves_each_line_of_the_new_address_family()
    {
        var editor = Editor("127.0.0.1 app.test www.app.test\n::1 app.test www.app.test\n127.0.0.2 b.test www.app.test\n");
        var changes = editor.Set("www.app.test", To("127.0.0.9"));
        Assert.Equal(new[] { 1, 3 }, changes.Select(c => c.LineNumber));
        Assert.Equal("127.0.0.1 app.test\n127.0.0.9 www.app.test\n::1 app.test www.app.test\n127.0.0.2 b.test\n127.0.0.9 www.app.test\n", Text(editor.Build()));
    }

    [Fact]
    public void The_same_address_splits_nothing_and_changes_nothing()
    {
        var editor = Editor("127.0.0.1 app.test www.app.test\n");
        Assert.Empty(editor.Set("www.app.test", To("127.0.0.1")));
        Assert.Empty(editor.Changes);
    }

    [Fact]
    public void Later_records_add_their_lines_after_earlier_ones_and_a_name_moved_already_is_no_error()
    {
        var editor = Editor("127.0.0.1 app.test www.app.test api.app.test # c\n127.0.0.1 z.test\n");
        editor.Set("www.app.test", To("127.0.0.9"));
        editor.Set("api.app.test", To("127.0.0.9"));
        Assert.Empty(editor.Set("www.app.test", To("127.0.0.9")));
        var change = Assert.Single(editor.Changes);
        Assert.Equal(new[] { "127.0.0.9 www.app.test", "127.0.0.9 api.app.test" }, change.Inserted);
        Assert.EndsWith("and add lines '127.0.0.9 www.app.test', '127.0.0.9 api.app.test' after it", change.ToString(), StringComparison.Ordinal);
        var result = editor.Build();
        Assert.Equal("127.0.0.1 app.test # c\n127.0.0.9 www.app.test\n127.0.0.9 api.app.test\n127.0.0.1 z.test\n", Text(result));
        Assert.Equal(new[] { 1, 2, 3 }, result.Entries.Select(e => e.LineNumber));
        Assert.Equal("Hosts.EntryNotFound", Assert.Throws<LoopbackToolsException>(() => editor.Set("nothing.test", To("127.0.0.9"))).ErrorId);
    }

    [Fact]
    public void A_split_left_out_of_the_build_leaves_both_lines_as_they_were()
    {
        var editor = Editor("127.0.0.1 app.test www.app.test\n127.0.0.1 b.test\n");
        editor.Set("www.app.test", To("127.0.0.9"));
        var other = Assert.Single(editor.Set("b.test", To("127.0.0.2")));
        Assert.Equal("127.0.0.1 app.test www.app.test\n127.0.0.2 b.test\n", Text(editor.Build(new[] { other })));
    }

    [Fact]
    public void A_piped_entry_sets_its_whole_line()
    {
        var change = Editor("127.0.0.1 app.test www.app.test\n").SetLine(1, "www.app.test", To("127.0.0.9"));
        Assert.Equal("127.0.0.9 app.test www.app.test", change!.After);
        Assert.Empty(change.Inserted);
    }
}
