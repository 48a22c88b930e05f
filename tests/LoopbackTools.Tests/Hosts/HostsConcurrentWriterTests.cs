using System.Globalization;
using LoopbackTools.Hosts;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Hosts;

/// <summary>Two real writer processes on one hosts file: no update is ever lost.</summary>
public sealed class HostsConcurrentWriterTests : IDisposable
{
    private const string Original = "127.0.0.1 localhost\n::1 localhost\n";
    private const int Rounds = 25;
    private const int NamesPerWriter = 150;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lbt-hosts-race-");
    private readonly ITestOutputHelper _output;

    public HostsConcurrentWriterTests(ITestOutputHelper output)
    {
        _output = output;
        HostsPath = Path.Combine(_folder.FullName, "hosts");
    }

    private string HostsPath { get; }

    public void Dispose() => _folder.Delete(true);

    /// <summary>Both read the same file, then are released together: one writes, the other must refuse.</summary>
    [Fact]
    public void Writers_released_together_one_wins_the_other_gets_ConcurrentModification()
    {
        var wins = new int[2];
        for (var round = 0; round < Rounds; round++)
        {
            File.WriteAllText(HostsPath, Original);
            using var first = WriterProbe.Start("add", HostsPath, "127.0.0.1", "first.test");
            using var second = WriterProbe.Start("add", HostsPath, "127.0.0.1", "second.test");
            WriterProbe.WaitReady(first);
            WriterProbe.WaitReady(second);
            first.StandardInput.WriteLine("go");
            second.StandardInput.WriteLine("go");
            first.StandardInput.Flush();
            second.StandardInput.Flush();
            Assert.True(first.WaitForExit(60_000) && second.WaitForExit(60_000), "writer probes did not finish");

            var codes = new[] { first.ExitCode, second.ExitCode };
            Assert.Equal(new[] { 0, WriterProbe.Conflict }, codes.Order());
            var winner = codes[0] == 0 ? "first.test" : "second.test";
            var loser = codes[0] == 0 ? "second.test" : "first.test";
            Assert.Equal(Original + "127.0.0.1 " + winner + "\n", File.ReadAllText(HostsPath));
            Assert.StartsWith("Hosts.ConcurrentModification", (codes[0] == 0 ? second : first).StandardError.ReadToEnd(), StringComparison.Ordinal);
            Assert.DoesNotContain(loser, File.ReadAllText(HostsPath), StringComparison.Ordinal);
            Assert.Empty(HostsFileWriter.TemporaryFiles(HostsPath));
            wins[codes[0] == 0 ? 0 : 1]++;
        }

        _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "released together: {0} rounds, first won {1}, second won {2}, every loser refused with Hosts.ConcurrentModification", Rounds, wins[0], wins[1]));
    }

    /// <summary>Two writers adding names as fast as they can, re-reading after a refusal: every name arrives.</summary>
    [Fact]
    public void Writers_that_retry_after_a_refusal_lose_no_update()
    {
        File.WriteAllText(HostsPath, Original);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var a = WriterProbe.Start("add-many", HostsPath, "a", NamesPerWriter.ToString(CultureInfo.InvariantCulture));
        using var b = WriterProbe.Start("add-many", HostsPath, "b", NamesPerWriter.ToString(CultureInfo.InvariantCulture));
        var outputs = new[] { a.StandardOutput.ReadToEndAsync(), b.StandardOutput.ReadToEndAsync() };
        Assert.True(a.WaitForExit(120_000) && b.WaitForExit(120_000), "writer probes did not finish");
        clock.Stop();

        Assert.Equal((0, 0), (a.ExitCode, b.ExitCode));
        var names = HostsDocument.Load(HostsPath).Entries.Select(e => e.HostName).ToHashSet(StringComparer.Ordinal);
        var expected = Enumerable.Range(0, NamesPerWriter).SelectMany(i => new[] { $"a-{i}.test", $"b-{i}.test" }).ToList();
        Assert.All(expected, n => Assert.Contains(n, names));
        Assert.Equal(1 + (2 * NamesPerWriter), names.Count); // localhost, then every added name once
        var conflicts = string.Join(", ", outputs.Select(o => o.Result.Trim()));
        _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "retrying writers: {0} names added by 2 processes in {1:F1} s, none lost; refusals that forced a re-read: {2}", 2 * NamesPerWriter, clock.Elapsed.TotalSeconds, conflicts));
    }
}
