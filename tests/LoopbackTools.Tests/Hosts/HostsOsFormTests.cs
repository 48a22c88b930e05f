using System.Text;
using LoopbackTools.Diagnostics;
using LoopbackTools.Formatting;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// The editor writes addresses and names only in forms the OS resolver (glibc) reads and programs ask for, and
/// Get-HostsEntry -Strict (HostsOsReading.Compare) flags exactly the lines the editor would not write as they are:
/// one rule (GlibcAddressText, GlibcNameText). What glibc does with each form is measured against getent in
/// tests/HostsEditing.Tests.ps1.
/// </summary>
public sealed class HostsOsFormTests
{
    private static HostsEditor Editor(string text) => new(HostsDocument.Parse(text, "hosts"));

    private static string Written(HostsEditor editor) => Encoding.UTF8.GetString(editor.Build().ToBytes());

    [Theory]
    [InlineData("fe80::1%lo", "zone index", "without the zone index")]
    [InlineData("[fe80::1%lo]", "zone index", "without the zone index")]
    [InlineData("010.0.0.1", "leading zero", "without leading zeros")]
    [InlineData("127.000.0.1", "leading zero", "without leading zeros")]
    public void An_address_glibc_skips_is_refused_with_the_reason(string address, string reason, string remedy)
    {
        var editor = Editor("127.0.0.1 localhost\n");

        var error = Assert.Throws<LoopbackToolsException>(() => editor.Add(address, "app.test", null, null, false));

        Assert.Equal("Hosts.InvalidAddress", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("the OS resolver would skip the line", error.Message, StringComparison.Ordinal);
        Assert.Contains(remedy, error.Remedy, StringComparison.Ordinal);
        Assert.Empty(editor.Changes);
    }

    [Theory]
    [InlineData("[::1]", "::1")]
    [InlineData(" [2001:db8::5] ", "2001:db8::5")]
    [InlineData("fe80::1", "fe80::1")]
    [InlineData("::ffff:127.0.0.1", "::ffff:127.0.0.1")]
    public void A_bracketed_IPv6_literal_is_written_without_its_brackets(string address, string written)
    {
        var editor = Editor("127.0.0.1 localhost\n");

        var entry = Assert.Single(Build(editor, e => e.Add(address, "br.test", null, null, false)).Entries);

        Assert.Equal(written, entry.IPAddress);
        Assert.EndsWith(written + " br.test\n", Written(editor), StringComparison.Ordinal);
    }

    [Fact]
    public void Brackets_around_an_IPv4_address_are_no_IP_address()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => Editor("").Add("[127.0.0.1]", "x.test", null, null, false));
        Assert.Equal("Hosts.InvalidAddress", error.ErrorId);
    }

    [Theory]
    [InlineData("bücher.test", "xn--bcher-kva.test")]
    [InlineData("BÜCHER.test", "xn--bcher-kva.test")]
    [InlineData("münchen.straße.test", "xn--mnchen-3ya.xn--strae-oqa.test")]
    public void An_international_name_is_written_in_punycode(string name, string written)
    {
        var editor = Editor("127.0.0.1 localhost\n");

        var entry = Assert.Single(Build(editor, e => e.Add("127.0.0.1", name, new[] { "www." + name }, null, false)).Entries);

        Assert.Equal(written, entry.HostName);
        Assert.Equal("www." + written, Assert.Single(entry.Aliases));
        Assert.Equal(name.ToLowerInvariant(), entry.UnicodeHostName);
        Assert.EndsWith($"127.0.0.1 {written} www.{written}\n", Written(editor), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dot.test.")]
    [InlineData("dot.test..")]
    public void A_trailing_dot_is_refused_with_what_glibc_would_answer(string name)
    {
        var editor = Editor("127.0.0.1 localhost\n");

        var error = Assert.Throws<LoopbackToolsException>(() => editor.Add("127.0.0.1", "ok.test", new[] { name }, null, false));

        Assert.Equal("Hosts.InvalidHostName", error.ErrorId);
        Assert.Contains("answers only lookups that end in a dot, never the usual 'dot.test'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Write 'dot.test' without the final dot", error.Remedy, StringComparison.Ordinal);
        Assert.Empty(editor.Changes);
    }

    [Fact]
    public void Set_applies_the_same_rules_to_its_address_and_aliases()
    {
        var editor = Editor("127.0.0.1 app.test\n::1 app.test\n");

        editor.Set("app.test", new HostsEntryUpdate("[::2]", new[] { "bücher.test" }, null, false, false));

        Assert.Equal("127.0.0.1 app.test\n::2 app.test xn--bcher-kva.test\n", Written(editor));
        Assert.Equal("Hosts.InvalidAddress", Assert.Throws<LoopbackToolsException>(() => new HostsEntryUpdate("fe80::1%eth0", null, null, false, false)).ErrorId);
        Assert.Equal("Hosts.InvalidAddress", Assert.Throws<LoopbackToolsException>(() => new HostsEntryUpdate("010.0.0.1", null, null, false, false)).ErrorId);
        Assert.Equal("Hosts.InvalidHostName", Assert.Throws<LoopbackToolsException>(() => new HostsEntryUpdate(null, new[] { "dot.test." }, null, false, false)).ErrorId);
    }

    [Fact]
    public void A_line_glibc_skips_can_still_be_removed_by_its_address()
    {
        var editor = Editor("127.0.0.1 localhost\n010.0.0.1 lz.test\nfe80::1%lo zone.test\n");

        editor.Remove(null, "010.0.0.1");
        editor.Remove(null, "fe80::1%lo");

        Assert.Equal("127.0.0.1 localhost\n", Written(editor));
    }

    /// <summary>Every form: how the editor takes it, and whether -Strict flags a file line holding it as written.</summary>
    [Theory]
    [InlineData("127.0.0.1", "ok.test", "as is")]
    [InlineData("::1", "ok.test", "as is")]
    [InlineData("fe80::1", "ok.test", "as is")]
    [InlineData("127.0.0.1", "under_score.test", "as is")]
    [InlineData("127.0.0.1", "xn--bcher-kva.test", "as is")]
    [InlineData("[::1]", "ok.test", "rewritten")]
    [InlineData("127.0.0.1", "bücher.test", "rewritten")]
    [InlineData("fe80::1%lo", "ok.test", "refused")]
    [InlineData("fe80::1%1", "ok.test", "refused")]
    [InlineData("010.0.0.1", "ok.test", "refused")]
    [InlineData("127.0.0.010", "ok.test", "refused")]
    [InlineData("127.0.0.1", "dot.test.", "refused")]
    public void Strict_flags_a_line_exactly_when_the_editor_would_not_write_it_as_it_stands(string address, string name, string editor)
    {
        var line = address + " " + name;
        string taken;
        try
        {
            var edit = Editor("");
            edit.Add(address, name, null, null, false);
            taken = Written(edit) == line + "\n" ? "as is" : "rewritten";
        }
        catch (LoopbackToolsException)
        {
            taken = "refused";
        }

        var flagged = HostsOsReading.Compare(HostsDocument.Parse(Encoding.UTF8.GetBytes("127.0.0.1 localhost\n" + line + "\n::1 localhost\n"), "hosts"));

        Assert.Equal(editor, taken);
        if (editor == "as is")
        {
            Assert.Empty(flagged);
        }
        else
        {
            var difference = Assert.Single(flagged);
            Assert.Equal(2, difference.LineNumber);
            Assert.StartsWith("line 2 ", difference.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Strict_names_the_punycode_form_and_the_trailing_dot()
    {
        var document = HostsDocument.Parse(Encoding.UTF8.GetBytes("127.0.0.1 ok.test bücher.test\n127.0.0.1 dot.test.\n"), "hosts");

        var flagged = HostsOsReading.Compare(document);

        Assert.Equal(new[] { 1, 2 }, flagged.Select(d => d.LineNumber));
        Assert.Contains("'bücher.test' is written in UTF-8", flagged[0].Reason, StringComparison.Ordinal);
        Assert.Equal("write 'xn--bcher-kva.test' (the punycode form)", flagged[0].Remedy);
        Assert.Contains("answers only lookups that end in a dot", flagged[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_HostsEntry_finds_a_punycode_line_by_its_Unicode_name()
    {
        var document = HostsDocument.Parse(Encoding.UTF8.GetBytes("127.0.0.1 xn--bcher-kva.test\n127.0.0.1 other.test\n"), "hosts");

        var found = new HostsQuery(new[] { "bücher.test" }, null, false, false).Select(document);

        Assert.Equal("xn--bcher-kva.test", Assert.Single(found).HostName);
    }

    [Fact]
    public void Set_and_Remove_find_a_punycode_line_by_its_Unicode_name()
    {
        var editor = Editor("127.0.0.1 localhost\n127.0.0.1 xn--bcher-kva.test www.xn--bcher-kva.test\n");

        editor.Set("bücher.test", new HostsEntryUpdate("127.0.0.2", null, null, false, false));
        editor.Remove("www.bücher.test", null);

        Assert.Equal("127.0.0.1 localhost\n127.0.0.2 xn--bcher-kva.test\n", Written(editor));
    }

    [Theory]
    [InlineData("xn--bcher-kva.test", "xn--bcher-kva.test (bücher.test)")]
    [InlineData("app.test", "app.test")]
    [InlineData("xn--broken-.test", "xn--broken-.test")]
    public void Views_show_a_punycode_name_with_its_Unicode_form(string name, string shown) =>
        Assert.Equal(shown, InternationalName.WithUnicode(name));

    private static HostsEditResult Build(HostsEditor editor, Action<HostsEditor> plan)
    {
        plan(editor);
        return editor.Build();
    }
}
