using System.Diagnostics;
using System.Globalization;
using System.Text;
using LoopbackTools.Hosts;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// An ad-blocking hosts file the size of the real ones (265k entries), generated here rather than committed.
/// Throughput and allocation are printed for the record, never asserted: timing depends on the machine.
/// </summary>
public sealed class HostsBlocklistTests
{
    private const int BlockedNames = 265_000;
    private static readonly Lazy<byte[]> Blocklist = new(Generate);
    private readonly ITestOutputHelper _output;

    /// <summary>The generated blocklist, shared with the editing and writing tests.</summary>
    internal static byte[] Content => Blocklist.Value;

    public HostsBlocklistTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Blocklist_parses_completely_and_round_trips()
    {
        var content = Blocklist.Value;
        var document = HostsDocument.Parse(content, "blocklist");
        Assert.Equal(BlockedNames + 3, document.Entries.Count);
        Assert.Equal(BlockedNames + 8, document.Lines.Count);
        Assert.Empty(document.Problems);
        Assert.Equal(content, document.ToBytes());
        Assert.Equal(BlockedNames, document.Entries.Count(e => e.IsUnspecified));
        var last = document.Entries[^1];
        Assert.Equal($"0.0.0.0 ad-{BlockedNames - 1}.tracker-{(BlockedNames - 1) % 997}.example", last.ToString());
        Assert.Equal(BlockedNames + 7, last.LineNumber);
    }

    [Fact]
    public void Narrow_query_over_the_blocklist_finds_one_entry()
    {
        var document = HostsDocument.Parse(Blocklist.Value, "blocklist");
        var found = new HostsQuery(new[] { "ad-123456.*" }, null, false, false).Select(document).ToArray();
        Assert.Equal("0.0.0.0 ad-123456.tracker-825.example", Assert.Single(found).ToString());
        Assert.Equal(new[] { "localhost", "localhost.localdomain", "localhost" }, new HostsQuery(null, null, false, true).Select(document).Select(e => e.HostName));
    }

    [Fact]
    public void Throughput_is_reported()
    {
        var content = Blocklist.Value;
        var lines = HostsDocument.Parse(content, "warm-up").Lines.Count;
        var best = TimeSpan.MaxValue;
        long parseBytes = 0, entryBytes = 0;
        for (var run = 0; run < 5; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var document = HostsDocument.Parse(content, "blocklist");
            clock.Stop();
            var parsed = GC.GetAllocatedBytesForCurrentThread();
            foreach (var entry in document.Entries)
            {
                GC.KeepAlive(entry);
            }

            entryBytes = GC.GetAllocatedBytesForCurrentThread() - parsed;
            parseBytes = parsed - before;
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        _output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "blocklist: {0:N0} lines, {1:N0} bytes; parse best of 5: {2:F1} ms = {3:N0} lines/s; parse allocated {4:N0} bytes ({5:F2}x file); all entries materialised: +{6:N0} bytes ({7:F2}x file)",
            lines,
            content.Length,
            best.TotalMilliseconds,
            lines / best.TotalSeconds,
            parseBytes,
            (double)parseBytes / content.Length,
            entryBytes,
            (double)entryBytes / content.Length));
        Assert.Equal(BlockedNames + 8, lines);
    }

    private static byte[] Generate()
    {
        var text = new StringBuilder(BlockedNames * 40);
        text.Append("# Title: generated ad-blocking hosts file (shape of StevenBlack/hosts)\n#\n");
        text.Append("127.0.0.1 localhost\n127.0.0.1 localhost.localdomain\n::1 localhost\n\n# Start blocklist\n");
        for (var i = 0; i < BlockedNames; i++)
        {
            text.Append("0.0.0.0 ad-").Append(i).Append(".tracker-").Append(i % 997).Append(".example\n");
        }

        text.Append("# End blocklist\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
