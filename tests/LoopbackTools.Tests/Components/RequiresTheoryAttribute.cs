namespace LoopbackTools.Tests.Components;

/// <summary>The theory twin of <see cref="RequiresFactAttribute"/> (always needs root: no theory runs without).</summary>
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    private readonly string[] _programs;
    private string? _skip;

    public RequiresTheoryAttribute(params string[] programs) => _programs = programs;

    public override string? Skip { get => _skip ?? Component.SkipReason(_programs, needsRoot: true); set => _skip = value; }
}
