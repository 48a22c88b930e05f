using LoopbackTools.Fuzz;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Fuzz;

/// <summary>
/// Every input AFL++ ever crashed a parser with (Fixtures/fuzz/&lt;target&gt;/) replayed through the same target
/// fuzz/run.sh fuzzes: a target throws only on an unexpected exception or a broken invariant, so CI checks
/// each fixed bug every run without AFL.
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    public static TheoryData<string, string> RegressionInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.GetDirectories(RepoPaths.Fixture("fuzz")).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegressionInputs))]
    public void A_regression_input_is_handled_cleanly(string target, string input) =>
        FuzzTargets.Find(target).Run(File.ReadAllBytes(RepoPaths.Fixture("fuzz", target, input)));

    [Fact]
    public void Every_regression_folder_is_a_target()
    {
        var names = FuzzTargets.All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(Directory.GetDirectories(RepoPaths.Fixture("fuzz")), folder => Assert.Contains(Path.GetFileName(folder), names));
    }

    [Fact]
    public void Every_target_takes_empty_short_and_random_bytes()
    {
        var random = new Random(16);
        foreach (var target in FuzzTargets.All)
        {
            target.Run(Array.Empty<byte>());
            target.Run(new byte[] { 0 });
            for (var i = 0; i < 50; i++)
            {
                var bytes = new byte[random.Next(0, 900)];
                random.NextBytes(bytes);
                target.Run(bytes);
            }
        }
    }

    [Fact]
    public void A_broken_invariant_is_a_crash_not_a_clean_error() =>
        Assert.Throws<FuzzInvariantException>(() => FuzzInvariantException.Check(false, "the harness reports what it finds"));
}
