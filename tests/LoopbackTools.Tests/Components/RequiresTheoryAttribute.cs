namespace LoopbackTools.Tests.Components;

/// <summary>The theory twin of <see cref="RequiresFactAttribute"/>.</summary>
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(params string[] programs)
    {
        var reason = Component.MissingReason(programs, needsRoot: true);
        if (reason is not null && !Component.IsCi)
        {
            Skip = reason;
        }
    }
}
