namespace LoopbackTools.Tests.Components;

/// <summary>The theory twin of <see cref="RequiresFactAttribute"/>.</summary>
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    private string? _skip;

    public RequiresTheoryAttribute(params string[] programs)
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
