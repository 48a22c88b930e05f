namespace LoopbackTools.Diagnostics;

/// <summary>
/// What went wrong, in terms the cmdlet layer maps one-to-one onto PowerShell's ErrorCategory.
/// Kept here so Core stays free of any PowerShell reference.
/// </summary>
public enum ErrorKind
{
    NotSpecified,
    ObjectNotFound,
    PermissionDenied,
    InvalidArgument,
    InvalidData,
    ConnectionError,
    OperationTimeout,
    ResourceUnavailable,
    WriteError,
    InvalidOperation,
    NotImplemented,
}
