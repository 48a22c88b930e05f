namespace LoopbackTools.Hosts;

/// <summary>One line of a hosts file exactly as read: its text, its own line ending and what it holds.</summary>
public sealed class HostsLine
{
    internal HostsLine(int lineNumber, string text, LineEnding ending, HostsLineKind kind, HostsEntry? entry, HostsProblem? problem)
    {
        LineNumber = lineNumber;
        Text = text;
        Ending = ending;
        Kind = kind;
        Entry = entry;
        Problem = problem;
    }

    /// <summary>1-based.</summary>
    public int LineNumber { get; }

    /// <summary>The text without the line ending.</summary>
    public string Text { get; }

    public LineEnding Ending { get; }

    public HostsLineKind Kind { get; }

    /// <summary>The entry on this line (enabled or disabled), or null.</summary>
    public HostsEntry? Entry { get; }

    /// <summary>What is wrong with this line, or null.</summary>
    public HostsProblem? Problem { get; }

    public override string ToString() => Text;
}
