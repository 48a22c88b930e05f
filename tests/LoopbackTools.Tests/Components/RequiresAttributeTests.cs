namespace LoopbackTools.Tests.Components;

/// <summary>NeedsRoot = false is a named argument, set after the constructor: the skip reason must still honour it.</summary>
public sealed class RequiresAttributeTests
{
    private const string Missing = "lbt-no-such-program";

    [Fact]
    public void Needs_root_false_is_honoured_after_construction()
    {
        var fact = new RequiresFactAttribute { NeedsRoot = false };
        Assert.Equal(OperatingSystem.IsLinux() ? null : "real-component tests run on Linux only", fact.Skip);
    }

    [Fact]
    public void Needs_root_by_default()
    {
        var expected = Component.SkipReason(Array.Empty<string>(), needsRoot: true);
        Assert.Equal(expected, new RequiresFactAttribute().Skip);
        Assert.Equal(expected, new RequiresTheoryAttribute().Skip);
    }

    [Fact]
    public void A_missing_program_skips_outside_ci_and_runs_under_ci()
    {
        var skip = new RequiresFactAttribute(Missing) { NeedsRoot = false }.Skip;
        if (Component.IsCi && OperatingSystem.IsLinux())
        {
            Assert.Null(skip);
        }
        else
        {
            Assert.Contains(OperatingSystem.IsLinux() ? "not installed: " + Missing : "Linux only", skip, StringComparison.Ordinal);
        }
    }
}
