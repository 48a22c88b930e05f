using System.Diagnostics;
using System.Globalization;
using LoopbackTools.Hosts;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// 1,000 real writer processes killed with SIGKILL at random moments: the hosts file is always exactly the
/// old or the new content, never a mix or a truncation. Each trial starts the probe, which writes the two
/// contents alternately (a 50,000-entry blocklist and an edit of it, ~1.8 MB, flushed to disk each time)
/// until it is killed 0-50 ms after it reports ready, so kills land in every phase: reading, writing and
/// flushing the temporary file, backing up, renaming. Two lanes (separate folders) run side by side.
/// </summary>
public sealed class HostsWriterKillTests : IDisposable
{
    private const int Trials = 1000;
    private const int Lanes = 2;
    private const int MaxDelayMilliseconds = 50;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lbt-hosts-kill-");
    private readonly ITestOutputHelper _output;

    public HostsWriterKillTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _folder.Delete(true);

    [Fact]
    public async Task Killed_writer_leaves_the_file_fully_old_or_fully_new()
    {
        var (old, edited) = Contents();
        var seed = Environment.TickCount;
        var clock = Stopwatch.StartNew();
        var lanes = Enumerable.Range(0, Lanes)
            .Select(lane => Task.Factory.StartNew(() => RunLane(lane, Trials / Lanes, new Random(seed + lane), old, edited), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        var outcomes = (await Task.WhenAll(lanes)).SelectMany(l => l).ToList();
        clock.Stop();

        _output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "kill trials: {0} SIGKILLs in {1:F1} s (seed {2}, {3} lanes, delay 0-{4} ms after ready); file old {5}, new {6}, other {7}; kills with a temporary file present (mid-write) {8}; completed writes before the kills {9}",
            outcomes.Count,
            clock.Elapsed.TotalSeconds,
            seed,
            Lanes,
            MaxDelayMilliseconds,
            outcomes.Count(o => o.State == "old"),
            outcomes.Count(o => o.State == "new"),
            outcomes.Count(o => o.State == "other"),
            outcomes.Count(o => o.TemporaryFileLeft),
            outcomes.Sum(o => o.Writes)));

        Assert.Equal(Trials, outcomes.Count);
        Assert.All(outcomes, o => Assert.NotEqual("other", o.State));
        Assert.Contains(outcomes, o => o.TemporaryFileLeft); // kills did land while a write was under way
        Assert.Contains(outcomes, o => o.State == "new");
    }

    private static (byte[] Old, byte[] Edited) Contents()
    {
        var blocklist = HostsBlocklistTests.Content;
        var cut = 0;
        for (var lines = 0; lines < 50_008; cut++)
        {
            lines += blocklist[cut] == (byte)'\n' ? 1 : 0;
        }

        var old = blocklist.Take(cut).ToArray();
        var editor = new HostsEditor(HostsDocument.Parse(old, "hosts"));
        editor.Set("ad-4242.tracker-254.example", new HostsEntryUpdate("127.0.0.1", null, "unblocked", false, false));
        editor.Add("127.0.0.1", "dev.test", null, null, false);
        return (old, editor.Build().ToBytes());
    }

    private List<Outcome> RunLane(int lane, int trials, Random random, byte[] old, byte[] edited)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.FullName, "lane" + lane.ToString(CultureInfo.InvariantCulture))).FullName;
        var hosts = Path.Combine(folder, "hosts");
        var oldPath = Path.Combine(folder, "old");
        var newPath = Path.Combine(folder, "new");
        File.WriteAllBytes(hosts, old);
        File.WriteAllBytes(oldPath, old);
        File.WriteAllBytes(newPath, edited);
        var outcomes = new List<Outcome>();
        for (var trial = 0; trial < trials; trial++)
        {
            using var probe = WriterProbe.Start("flip", hosts, oldPath, newPath);
            WriterProbe.WaitReady(probe);
            Thread.Sleep(random.Next(0, MaxDelayMilliseconds + 1));
            probe.Kill(); // SIGKILL on Unix: no handler, no finally block runs
            probe.WaitForExit();
            var writes = probe.StandardOutput.ReadToEnd().Split('\n').Count(l => l == "wrote");
            var bytes = File.ReadAllBytes(hosts);
            var state = bytes.AsSpan().SequenceEqual(old) ? "old" : bytes.AsSpan().SequenceEqual(edited) ? "new" : "other";
            outcomes.Add(new Outcome(state, HostsFileWriter.TemporaryFiles(hosts).Length > 0, writes));
            if (state == "other")
            {
                break;
            }
        }

        return outcomes;
    }

    private sealed record Outcome(string State, bool TemporaryFileLeft, int Writes);
}
