using System;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Hosts;

/// <summary>The hosts feature's failures, each with a stable ErrorId and a remedy.</summary>
public static class HostsErrors
{
    public const string FileNotFoundId = "Hosts.FileNotFound";
    public const string AccessDeniedId = "Hosts.AccessDenied";
    public const string ReadFailedId = "Hosts.ReadFailed";
    public const string FileTooLargeId = "Hosts.FileTooLarge";
    public const string MalformedLineId = "Hosts.MalformedLine";
    public const string InvalidAddressId = "Hosts.InvalidAddress";
    public const string InvalidPathId = "Hosts.InvalidPath";

    public static LoopbackToolsException FileNotFound(string path, Exception? inner = null) => new(
        FileNotFoundId,
        ErrorKind.ObjectNotFound,
        $"The hosts file '{path}' does not exist.",
        $"Check the path, or omit -Path to read this system's hosts file ({HostsPaths.Default}).",
        path,
        inner);

    public static LoopbackToolsException AccessDenied(string path, Exception? inner = null) => new(
        AccessDeniedId,
        ErrorKind.PermissionDenied,
        $"Access to the hosts file '{path}' is denied.",
        "Run as a user allowed to read the file, or give read permission on it (hosts files are normally readable by everyone).",
        path,
        inner);

    public static LoopbackToolsException ReadFailed(string path, string reason, Exception? inner = null) => new(
        ReadFailedId,
        ErrorKind.ResourceUnavailable,
        $"The hosts file '{path}' could not be read: {reason}",
        "Check that the path names a regular file that is not locked by another program, then try again.",
        path,
        inner);

    public static LoopbackToolsException FileTooLarge(string path, long limit) => new(
        FileTooLargeId,
        ErrorKind.InvalidData,
        $"'{path}' is larger than {limit / (1024 * 1024)} MiB, far beyond any real hosts file.",
        "Check that -Path names a hosts file.",
        path);

    /// <summary>The error Get-HostsEntry -Strict writes for a malformed line; the problem is the target.</summary>
    public static LoopbackToolsException MalformedLine(HostsProblem problem)
    {
        if (problem is null)
        {
            throw new ArgumentNullException(nameof(problem));
        }

        return new LoopbackToolsException(
            MalformedLineId,
            ErrorKind.InvalidData,
            problem.ToString(),
            "Fix or remove the line, or comment it out with '#'.",
            problem);
    }

    public static LoopbackToolsException InvalidAddress(string address) => new(
        InvalidAddressId,
        ErrorKind.InvalidArgument,
        $"'{address}' is not an IP address.",
        "Pass an IPv4 or IPv6 address such as 127.0.0.1, ::1 or fe80::1%lo0.",
        address);

    /// <summary>A -Path that does not name a file-system location (a registry or variable path, an unknown drive).</summary>
    public static LoopbackToolsException InvalidPath(string path, string reason, Exception? inner = null) => new(
        InvalidPathId,
        ErrorKind.InvalidArgument,
        $"'{path}' is not a file-system path: {reason}",
        "Pass the path of a hosts file on a file-system drive.",
        path,
        inner);
}
