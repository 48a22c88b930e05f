namespace LoopbackTools.Tests.Components;

/// <summary>The theory twin of <see cref="RequiresFactAttribute"/>.</summary>
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(params string[] programs)
    {
        var reason = Component.MissingReason(programs, needsRoot: true);
        // Linux-only tests skip on other platforms even in CI; on Linux, CI=true turns a missing component into a failure.
        if (reason is not null && (!Component.IsCi || !OperatingSystem.IsLinux()))
        {
            Skip = reason;
        }
    }
}
