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
        if (reason is not null && !Component.IsCi)
        {
            Skip = reason;
        }
    }

    public IReadOnlyList<string> Programs { get; }

    public bool NeedsRoot { get; set; } = true;
}
