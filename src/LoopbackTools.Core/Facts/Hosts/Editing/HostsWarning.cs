namespace LoopbackTools.Hosts;

/// <summary>A warning about an edit, computed in Core so every caller (cmdlet or test) sees the same.</summary>
public sealed class HostsWarning
{
    internal HostsWarning(HostsWarningKind kind, string hostName, int lineNumber, string message)
    {
        Kind = kind;
        HostName = hostName;
        LineNumber = lineNumber;
        Message = message;
    }

    public HostsWarningKind Kind { get; }

    public string HostName { get; }

    /// <summary>The line of the edited file the warning is about.</summary>
    public int LineNumber { get; }

    public string Message { get; }

    public override string ToString() => Message;
}
