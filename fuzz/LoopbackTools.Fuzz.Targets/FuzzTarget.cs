namespace LoopbackTools.Fuzz;

/// <summary>
/// One fuzzed parser. <see cref="Run"/> swallows the parser's own clean errors (what its callers handle) and
/// throws for anything else: an unexpected exception type or a broken invariant is a crash to AFL++ and a
/// failed replay to xunit.
/// </summary>
public sealed class FuzzTarget
{
    private readonly Action<byte[]> _run;

    public FuzzTarget(string name, string parser, Action<byte[]> run)
    {
        Name = name;
        Parser = parser;
        _run = run;
    }

    /// <summary>The name fuzz/run.sh and the regression folder (Fixtures/fuzz/NAME) use.</summary>
    public string Name { get; }

    /// <summary>The Core code under test, for reports.</summary>
    public string Parser { get; }

    public void Run(byte[] input) => _run(input ?? throw new ArgumentNullException(nameof(input)));

    public override string ToString() => Name;
}
