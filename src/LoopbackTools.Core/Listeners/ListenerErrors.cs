using LoopbackTools.Diagnostics;

namespace LoopbackTools.Listeners;

/// <summary>The listener area's failures, with their stable ErrorIds.</summary>
internal static class ListenerErrors
{
    public static LoopbackToolsException Malformed(string source, string detail) => new(
        "Listeners.MalformedTable",
        ErrorKind.InvalidData,
        $"The socket table from {source} is malformed: {detail}.",
        "Report this with your OS version; the data did not match the documented layout.",
        source);

    public static LoopbackToolsException ProcessNotFound(int processId) => new(
        "Listeners.ProcessNotFound",
        ErrorKind.ObjectNotFound,
        $"No process with id {processId} exists, so its network namespace cannot be read.",
        "Pass the id of a running process (for a container: docker inspect -f '{{.State.Pid}}' NAME).",
        processId);

    public static LoopbackToolsException NamespaceUnavailable(int processId, string detail) => new(
        "Listeners.NamespaceUnavailable",
        ErrorKind.PermissionDenied,
        $"The network namespace of process {processId} cannot be read: {detail}.",
        "Run as root (or with CAP_SYS_ADMIN and CAP_SYS_PTRACE) to inspect another process's namespace.",
        processId);

    public static LoopbackToolsException SystemCallFailed(string call, int errno) => new(
        "Listeners.SystemCallFailed",
        ErrorKind.ResourceUnavailable,
        $"{call} failed with errno {errno}.",
        "Check that the kernel supports it; LoopbackTools falls back to /proc/net where it can.",
        call);

    public static LoopbackToolsException NotSupported(string what) => new(
        "Listeners.PlatformNotSupported",
        ErrorKind.NotImplemented,
        $"{what} is not supported on this operating system.",
        "Use Linux, macOS or Windows.",
        what);
}
