using System;
using System.Globalization;

namespace LoopbackTools;

/// <summary>A hosts file line that resolvers will not read the way it looks.</summary>
public sealed class HostsProblem
{
    public HostsProblem(int lineNumber, string line, string reason, string path, HostsProblemKind kind)
    {
        LineNumber = lineNumber;
        Line = line ?? string.Empty;
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
        Path = path ?? string.Empty;
        Kind = kind;
    }

    /// <summary>1-based line number in <see cref="Path"/>.</summary>
    public int LineNumber { get; }

    /// <summary>The line's text, without its line ending.</summary>
    public string Line { get; }

    public string Reason { get; }

    public string Path { get; }

    public HostsProblemKind Kind { get; }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} line {1}: {2}", Path, LineNumber, Reason);
}
