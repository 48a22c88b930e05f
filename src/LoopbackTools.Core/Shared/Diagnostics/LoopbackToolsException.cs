using System;

namespace LoopbackTools.Diagnostics;

/// <summary>
/// A failure with everything an ErrorRecord needs: a stable <see cref="ErrorId"/> scripts can match on
/// (for example <c>Hosts.FileNotFound</c>), its kind, the object it concerns and what to do about it.
/// </summary>
public sealed class LoopbackToolsException : Exception
{
    public LoopbackToolsException(string errorId, ErrorKind kind, string message, string remedy, object? targetObject = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
        Kind = kind;
        Remedy = remedy ?? string.Empty;
        TargetObject = targetObject;
    }

    public LoopbackToolsException()
        : this("LoopbackTools.Unspecified", ErrorKind.NotSpecified, "An unspecified LoopbackTools error occurred.", string.Empty)
    {
    }

    public LoopbackToolsException(string message)
        : this("LoopbackTools.Unspecified", ErrorKind.NotSpecified, message, string.Empty)
    {
    }

    public LoopbackToolsException(string message, Exception innerException)
        : this("LoopbackTools.Unspecified", ErrorKind.NotSpecified, message, string.Empty, null, innerException)
    {
    }

    /// <summary>Stable identifier, <c>Area.Reason</c>; never localized, never reworded.</summary>
    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    /// <summary>One sentence telling the user how to fix it.</summary>
    public string Remedy { get; }

    public object? TargetObject { get; }

    /// <summary>The message followed by the remedy, as shown to the user.</summary>
    public string FullMessage => Remedy.Length == 0 ? Message : Message + " " + Remedy;
}
