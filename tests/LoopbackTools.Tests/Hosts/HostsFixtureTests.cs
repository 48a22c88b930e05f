using System.Net.Sockets;
using LoopbackTools.Addressing;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>What the parser reads from the OS default files and from each edge case.</summary>
public sealed class HostsFixtureTests
{
    [Fact]
    public void Debian_default_file()
    {
        var document = HostsFixtures.Load("debian.hosts");
        Assert.Equal(
            new[] { "127.0.0.1 localhost", "127.0.1.1 debian.example.org debian", "::1 localhost ip6-localhost ip6-loopback", "ff02::1 ip6-allnodes", "ff02::2 ip6-allrouters" },
            HostsFixtures.Describe(document));
        Assert.Equal(new[] { true, true, true, false, false }, document.Entries.Select(e => e.IsLoopback));
        Assert.Equal(new[] { "ip6-localhost", "ip6-loopback" }, document.Entries[2].Aliases);
        Assert.Equal(5, document.Entries[2].LineNumber);
        Assert.Equal(AddressFamily.InterNetworkV6, document.Entries[2].AddressFamily);
        Assert.Equal(new[] { HostsLineKind.Entry, HostsLineKind.Entry, HostsLineKind.Blank, HostsLineKind.Comment, HostsLineKind.Entry, HostsLineKind.Entry, HostsLineKind.Entry }, document.Lines.Select(l => l.Kind));
        Assert.Empty(document.Problems);
        Assert.Equal(HostsEncoding.Utf8, document.Encoding);
        Assert.Equal(LineEnding.Lf, document.PreferredLineEnding);
        Assert.True(document.EndsWithNewline);
    }

    [Fact]
    public void MacOS_default_file()
    {
        var document = HostsFixtures.Load("macos.hosts");
        Assert.Equal(new[] { "127.0.0.1 localhost", "255.255.255.255 broadcasthost", "::1 localhost" }, HostsFixtures.Describe(document));
        Assert.Equal(new[] { 7, 8, 9 }, document.Entries.Select(e => e.LineNumber));
        Assert.Equal(6, document.Lines.Count(l => l.Kind == HostsLineKind.Comment));
        Assert.Equal(AddressScope.Specific, document.Entries[1].Scope);
        Assert.Empty(document.Problems);
    }

    [Fact]
    public void Windows_default_file_has_only_disabled_entries()
    {
        var document = HostsFixtures.Load("windows.hosts");
        Assert.Equal(
            new[] { "# 102.54.94.97 rhino.acme.com", "# 38.25.63.10 x.acme.com", "# 127.0.0.1 localhost", "# ::1 localhost" },
            HostsFixtures.Describe(document));
        Assert.All(document.Entries, e => Assert.False(e.Enabled));
        Assert.Equal(new[] { "source server", "x client host", string.Empty, string.Empty }, document.Entries.Select(e => e.Comment));
        Assert.Equal(new[] { 16, 17, 20, 21 }, document.Entries.Select(e => e.LineNumber));
        Assert.All(document.Lines, l => Assert.Equal(LineEnding.CrLf, l.Ending));
        Assert.Equal(LineEnding.CrLf, document.PreferredLineEnding);
        Assert.Equal(21, document.Lines.Count);
        Assert.Empty(document.Problems);
    }

    [Fact]
    public void Crlf_file_with_utf8_bom()
    {
        var document = HostsFixtures.Load("crlf-bom.hosts");
        Assert.Equal(HostsEncoding.Utf8WithBom, document.Encoding);
        Assert.Equal("# Edited with Notepad on Windows", document.Lines[0].Text);
        Assert.Equal(new[] { "127.0.0.1 localhost", "::1 localhost", "127.0.0.1 app.test api.test" }, HostsFixtures.Describe(document));
        Assert.Equal("dev stack", document.Entries[2].Comment);
    }

    [Fact]
    public void Tabs_aliases_and_inline_comments()
    {
        var document = HostsFixtures.Load("tabs-aliases-comments.hosts");
        Assert.Equal(
            new[] { "127.0.0.1 localhost localhost.localdomain", "127.0.0.1 app.test www.app.test api.app.test", "192.0.2.10 build.example", "203.0.113.5 static.example" },
            HostsFixtures.Describe(document));
        Assert.Equal(new[] { string.Empty, "local dev stack", "leading tab", "no space before the hash" }, document.Entries.Select(e => e.Comment));
        Assert.Empty(document.Problems);
    }

    [Fact]
    public void Commented_out_entries_are_disabled_and_prose_stays_comment()
    {
        var document = HostsFixtures.Load("disabled.hosts");
        Assert.Equal(
            new[] { "# 127.0.0.1 old.test", "# 127.0.0.1 older.test legacy.test", "# ::1 off6.test", "127.0.0.1 on.test" },
            HostsFixtures.Describe(document));
        Assert.Equal("was for IPv6 testing", document.Entries[2].Comment);
        Assert.Equal(
            new[] { HostsLineKind.Comment, HostsLineKind.DisabledEntry, HostsLineKind.DisabledEntry, HostsLineKind.DisabledEntry, HostsLineKind.Comment, HostsLineKind.Comment, HostsLineKind.Comment, HostsLineKind.Entry },
            document.Lines.Select(l => l.Kind));
        Assert.Empty(document.Problems);
    }

    [Fact]
    public void Scoped_ipv6_addresses_keep_their_zone()
    {
        var document = HostsFixtures.Load("scoped-ipv6.hosts");
        var scoped = document.Entries.Where(e => e.IPAddress.Contains('%', StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { "fe80::1%lo0 localhost", "fe80::2%eth0 router.local", "fe80::3%2 printer.local" }, scoped.Select(e => e.ToString()));
        Assert.All(scoped, e => Assert.Equal(AddressFamily.InterNetworkV6, e.AddressFamily));
        Assert.All(scoped, e => Assert.Equal(AddressScope.Specific, e.Scope));
        Assert.Empty(document.Problems);
    }

    [Fact]
    public void Ipv4_mapped_and_unspecified_addresses_are_classified()
    {
        var entries = HostsFixtures.Load("mapped.hosts").Entries;
        Assert.Equal(
            new[] { AddressScope.Loopback, AddressScope.Specific, AddressScope.Unspecified, AddressScope.Unspecified, AddressScope.Unspecified, AddressScope.Loopback },
            entries.Select(e => e.Scope));
        Assert.Equal(new[] { true, false, false, false, false, true }, entries.Select(e => e.IsLoopback));
        Assert.Equal(new[] { false, false, true, true, true, false }, entries.Select(e => e.IsUnspecified));
        Assert.Equal("0:0:0:0:0:0:0:1", entries[5].IPAddress);
    }

    [Fact]
    public void Malformed_lines_are_kept_and_reported_with_their_reason()
    {
        var document = HostsFixtures.Load("malformed.hosts");
        Assert.Equal(new[] { "127.0.0.1 good.test", "127.0.0.1 fine.test" }, HostsFixtures.Describe(document));
        Assert.Equal(new[] { 2, 3, 4, 5, 6, 7 }, document.Problems.Select(p => p.LineNumber));
        Assert.All(document.Problems, p => Assert.Equal(HostsProblemKind.Malformed, p.Kind));
        Assert.All(document.Problems, p => Assert.Equal(HostsFixtures.PathOf("malformed.hosts"), p.Path));
        Assert.Equal("127.1 short.test", document.Problems[0].Line);
        Assert.Contains("'127.1' is not an IP address", document.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("'300.0.0.1' is not an IP address", document.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains("no host name", document.Problems[2].Reason, StringComparison.Ordinal);
        Assert.Contains("no host name", document.Problems[3].Reason, StringComparison.Ordinal);
        Assert.Contains("'bad/name.test'", document.Problems[4].Reason, StringComparison.Ordinal);
        Assert.Contains("'localhost' is not an IP address", document.Problems[5].Reason, StringComparison.Ordinal);
        Assert.All(document.Lines.Where(l => l.Problem is not null), l => Assert.Equal(HostsLineKind.Malformed, l.Kind));
        Assert.Equal(document.Problems[4], document.Lines[5].Problem);
    }

    [Fact]
    public void More_than_nine_names_is_a_warning_not_a_malformed_line()
    {
        var document = HostsFixtures.Load("too-many-names.hosts");
        Assert.Equal(2, document.Entries.Count);
        Assert.Equal(8, document.Entries[0].Aliases.Length);
        Assert.Equal(9, document.Entries[1].Aliases.Length);
        var problem = Assert.Single(document.Problems);
        Assert.Equal(HostsProblemKind.TooManyNames, problem.Kind);
        Assert.Equal(2, problem.LineNumber);
        Assert.Contains("10 host names", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(HostsLineKind.Entry, document.Lines[1].Kind);
    }

    [Fact]
    public void Empty_file_has_no_lines()
    {
        var document = HostsFixtures.Load("empty.hosts");
        Assert.Empty(document.Lines);
        Assert.Empty(document.Entries);
        Assert.True(document.EndsWithNewline);
        Assert.Empty(document.ToBytes());
    }

    [Fact]
    public void File_without_final_newline_is_remembered()
    {
        var document = HostsFixtures.Load("no-final-newline.hosts");
        Assert.False(document.EndsWithNewline);
        Assert.Equal(new[] { LineEnding.Lf, LineEnding.None }, document.Lines.Select(l => l.Ending));
        Assert.Equal("::1 localhost", document.Entries[1].ToString());
    }

    [Fact]
    public void Mixed_line_endings_are_kept_per_line()
    {
        var document = HostsFixtures.Load("mixed-endings.hosts");
        Assert.Equal(new[] { LineEnding.CrLf, LineEnding.Lf, LineEnding.Cr, LineEnding.CrLf, LineEnding.Lf }, document.Lines.Select(l => l.Ending));
        Assert.Equal(new[] { "crlf.test", "lf.test", "cr.test", "last.test" }, document.Entries.Select(e => e.HostName));
        Assert.Equal(HostsLineKind.Blank, document.Lines[3].Kind);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_survive_in_comments()
    {
        var document = HostsFixtures.Load("latin1-comment.hosts");
        Assert.Equal(HostsLineKind.Comment, document.Lines[0].Kind);
        Assert.Contains('\uFFFD', document.Lines[0].Text);
        Assert.Equal("cafe.test", Assert.Single(document.Entries).HostName);
    }

    [Fact]
    public void Utf16_file_is_read_and_its_encoding_remembered()
    {
        var document = HostsFixtures.Load("utf16le.hosts");
        Assert.Equal(HostsEncoding.Utf16LittleEndian, document.Encoding);
        Assert.Equal(new[] { "127.0.0.1 localhost", "::1 localhost" }, HostsFixtures.Describe(document));
    }

    [Fact]
    public void Entries_carry_the_path_and_stay_the_same_objects()
    {
        var document = HostsDocument.Parse("127.0.0.1 a.test\n", "/some/hosts");
        Assert.Equal("/some/hosts", document.Entries[0].Path);
        Assert.Same(document.Entries[0], document.Lines[0].Entry);
        Assert.Same(document.Lines[0], document.Lines[0]);
    }
}
