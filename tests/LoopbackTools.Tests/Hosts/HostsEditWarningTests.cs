using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>The warnings an edit computes: rival mappings, too many names for Windows, loopback names moving away.</summary>
public sealed class HostsEditWarningTests
{
    private static IReadOnlyList<HostsWarning> Warnings(string text, Action<HostsEditor> edit)
    {
        var editor = new HostsEditor(HostsDocument.Parse(text, "hosts"));
        edit(editor);
        return editor.Build().Warnings;
    }

    [Fact]
    public void Tenth_name_on_a_line_warns_that_windows_ignores_it()
    {
        var names = Enumerable.Range(1, 9).Select(i => $"n{i}.test").ToArray();
        var warning = Assert.Single(Warnings("127.0.0.1 " + string.Join(' ', names) + "\n", e => e.Set("n1.test", new HostsEntryUpdate(null, names.Skip(1).Append("n10.test"), null, false, false))));
        Assert.Equal(HostsWarningKind.TooManyNames, warning.Kind);
        Assert.Contains("10 names", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'n10.test'", warning.Message, StringComparison.Ordinal);
        Assert.Empty(Warnings("127.0.0.1 a.test\n", e => e.Set("a.test", new HostsEntryUpdate(null, names.Skip(1), null, false, false))));
    }

    [Fact]
    public void Loopback_name_pointed_elsewhere_warns()
    {
        var warning = Assert.Single(Warnings("127.0.0.1 app.test\n::1 app.test\n", e =>
        {
            e.Set("app.test", new HostsEntryUpdate("192.0.2.5", null, null, false, false));
            e.Set("app.test", new HostsEntryUpdate("2001:db8::5", null, null, false, false));
        }));
        Assert.Equal(HostsWarningKind.LoopbackNameMovedAway, warning.Kind);
        Assert.Equal("'app.test' resolved to loopback (127.0.0.1) and now resolves to 192.0.2.5 (line 1): programs reaching it no longer stay on this machine.", warning.Message);
    }

    [Fact]
    public void Loopback_kept_in_one_family_or_a_plain_removal_does_not_warn()
    {
        Assert.Empty(Warnings("127.0.0.1 app.test\n::1 app.test\n", e => e.Set("app.test", new HostsEntryUpdate("192.0.2.5", null, null, false, false))));
        Assert.Empty(Warnings("127.0.0.1 app.test\n", e => e.Remove("app.test", null)));
    }

    [Fact]
    public void Removing_the_loopback_line_that_hid_another_mapping_warns()
    {
        var warning = Assert.Single(Warnings("127.0.0.1 app.test\n192.0.2.7 app.test\n", e => e.RemoveLine(1, "app.test")));
        Assert.Equal(HostsWarningKind.LoopbackNameMovedAway, warning.Kind);
        Assert.Equal(1, warning.LineNumber);
    }

    [Fact]
    public void Ipv4_and_ipv6_lines_for_one_name_are_not_rivals()
    {
        Assert.Empty(Warnings("127.0.0.1 localhost\n::1 localhost\n", e => e.Set("localhost", new HostsEntryUpdate(null, null, "v4", false, false))));
        var rival = Assert.Single(Warnings("127.0.0.1 a.test\n127.0.0.2 b.test\n", e => e.Set("b.test", new HostsEntryUpdate(null, new[] { "a.test" }, null, false, false))));
        Assert.Equal((HostsWarningKind.NameMappedElsewhere, "a.test", 2), (rival.Kind, rival.HostName, rival.LineNumber));
    }
}
