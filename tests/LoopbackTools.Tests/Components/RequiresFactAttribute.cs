namespace LoopbackTools.Tests.Components;

/// <summary>
/// A fact that needs real programs (and usually root). Outside CI a missing program skips the
/// test with the reason; under CI=true the test runs and its fixture fails loudly instead.
/// </summary>
public sealed class RequiresFactAttribute : FactAttribute
{
    public RequiresFactAttribute(params string[] programs)
    {
        Programs = programs;
        var reason = Component.MissingReason(programs, NeedsRoot);
        // Linux-only tests skip on other platforms even in CI; on Linux, CI=true turns a missing component into a failure.
        if (reason is not null && (!Component.IsCi || !OperatingSystem.IsLinux()))
        {
            Skip = reason;
        }
    }

    public IReadOnlyList<string> Programs { get; }

    public bool NeedsRoot { get; set; } = true;
}
