namespace LoopbackTools.Hosts;

/// <summary>How a line ends in the file; remembered per line so untouched lines are written back unchanged.</summary>
public enum LineEnding : byte
{
    /// <summary>The last line of a file without a final newline.</summary>
    None,
    Lf,
    CrLf,
    Cr,
}
