using System.Globalization;

namespace LoopbackTools.Hosts;

/// <summary>One planned line edit with the exact text before and after: what -WhatIf and -Confirm show.</summary>
public sealed class HostsLineChange
{
    internal HostsLineChange(HostsChangeKind kind, int lineNumber, string? before, string? after)
    {
        Kind = kind;
        LineNumber = lineNumber;
        Before = before;
        After = after;
    }

    public HostsChangeKind Kind { get; }

    /// <summary>The line in the file as read (1-based); for an added line, its number counted after the existing lines.</summary>
    public int LineNumber { get; }

    /// <summary>The line's text before the edit (no line ending); null for an added line.</summary>
    public string? Before { get; }

    /// <summary>The line's text after the edit (no line ending); null for a removed line.</summary>
    public string? After { get; }

    public override string ToString() => Kind switch
    {
        HostsChangeKind.Add => string.Format(CultureInfo.InvariantCulture, "Add line '{0}' at the end", After),
        HostsChangeKind.Remove => string.Format(CultureInfo.InvariantCulture, "Remove line {0} '{1}'", LineNumber, Before),
        _ => string.Format(CultureInfo.InvariantCulture, "Change line {0} from '{1}' to '{2}'", LineNumber, Before, After),
    };
}
