using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LoopbackTools.Hosts;

/// <summary>One planned line edit with the exact text before and after: what -WhatIf and -Confirm show.</summary>
public sealed class HostsLineChange
{
    internal HostsLineChange(HostsChangeKind kind, int lineNumber, string? before, string? after)
        : this(kind, lineNumber, before, after, Array.Empty<string>())
    {
    }

    internal HostsLineChange(HostsChangeKind kind, int lineNumber, string? before, string? after, IReadOnlyList<string> inserted)
    {
        Kind = kind;
        LineNumber = lineNumber;
        Before = before;
        After = after;
        Inserted = inserted;
    }

    public HostsChangeKind Kind { get; }

    /// <summary>The line in the file as read (1-based); for an added line, its number counted after the existing lines.</summary>
    public int LineNumber { get; }

    /// <summary>The line's text before the edit (no line ending); null for an added line.</summary>
    public string? Before { get; }

    /// <summary>The line's text after the edit (no line ending); null for a removed line.</summary>
    public string? After { get; }

    /// <summary>
    /// New lines written right after this one, in order (no line endings): the names Set-HostsEntry moved off the
    /// line to another address. Part of this change, so -Confirm takes or leaves the move whole.
    /// </summary>
    public IReadOnlyList<string> Inserted { get; }

    public override string ToString() => Kind switch
    {
        HostsChangeKind.Add => string.Format(CultureInfo.InvariantCulture, "Add line '{0}' at the end", After),
        HostsChangeKind.Remove => string.Format(CultureInfo.InvariantCulture, "Remove line {0} '{1}'", LineNumber, Before) + InsertedText(),
        _ => string.Format(CultureInfo.InvariantCulture, "Change line {0} from '{1}' to '{2}'", LineNumber, Before, After) + InsertedText(),
    };

    private string InsertedText() => Inserted.Count switch
    {
        0 => string.Empty,
        1 => " and add line '" + Inserted[0] + "' after it",
        _ => " and add lines " + string.Join(", ", Inserted.Select(t => "'" + t + "'")) + " after it",
    };
}
