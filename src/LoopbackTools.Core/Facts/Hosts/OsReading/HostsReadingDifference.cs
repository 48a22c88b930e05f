using System.Globalization;

namespace LoopbackTools;

/// <summary>One hosts-file line the OS resolver (glibc) reads otherwise than the line looks: which, why and the fix.</summary>
public sealed class HostsReadingDifference
{
    public HostsReadingDifference(int lineNumber, HostsReadingKind kind, string reason, string remedy)
    {
        LineNumber = lineNumber;
        Kind = kind;
        Reason = reason;
        Remedy = remedy;
    }

    /// <summary>1-based, as Get-HostsEntry numbers lines (a lone CR ends a line there, not for glibc).</summary>
    public int LineNumber { get; }

    public HostsReadingKind Kind { get; }

    /// <summary>What glibc does with the line and why, e.g. "line 1 starts with a UTF-8 byte-order mark: glibc skips it".</summary>
    public string Reason { get; }

    public string Remedy { get; }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} - {1}", Reason, Remedy);
}
