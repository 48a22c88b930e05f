namespace LoopbackTools.Tests.Components;

/// <summary>
/// A fact that needs real programs (and usually root). Outside CI a missing program skips the
/// test with the reason; under CI=true the test runs and its fixture fails loudly instead.
/// </summary>
public sealed class RequiresFactAttribute : FactAttribute
{
    private string? _skip;

    public RequiresFactAttribute(params string[] programs)
    {
        Programs = programs;
    }

    public IReadOnlyList<string> Programs { get; }

    public bool NeedsRoot { get; set; } = true;

    // Computed when xunit reads it: a named argument (NeedsRoot = false) is set only after the constructor ran.
    public override string? Skip
    {
        get => _skip ?? Component.SkipReason(Programs, NeedsRoot);
        set => _skip = value;
    }
}
