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
    public const string ReadOtherwiseByOsId = "Hosts.ReadOtherwiseByOs";
    public const string InvalidAddressId = "Hosts.InvalidAddress";
    public const string InvalidPathId = "Hosts.InvalidPath";
    public const string InvalidHostNameId = "Hosts.InvalidHostName";
    public const string InvalidCommentId = "Hosts.InvalidComment";
    public const string InvalidUpdateId = "Hosts.InvalidUpdate";
    public const string NameAlreadyMappedId = "Hosts.NameAlreadyMapped";
    public const string EntryNotFoundId = "Hosts.EntryNotFound";
    public const string ConcurrentModificationId = "Hosts.ConcurrentModification";
    public const string WriteDeniedId = "Hosts.WriteDenied";
    public const string WriteFailedId = "Hosts.WriteFailed";
    public const string FileLockedId = "Hosts.FileLocked";
    public const string EncodingWouldChangeId = "Hosts.EncodingWouldChange";
    public const string BackupIsTargetId = "Hosts.BackupIsTarget";
    public const string FileImmutableId = "Hosts.FileImmutable";
    public const string WriteIncompleteId = "Hosts.WriteIncomplete";
    public const string NotChanged = "The file was not changed.";

    private const string ElevationRemedy = "Run PowerShell as Administrator (Windows) or with sudo (Linux, macOS), or edit a copy with -Path; the file was not changed.";

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

    /// <summary>The error Get-HostsEntry -Strict writes for a line the OS resolver (glibc) skips or reads otherwise than it looks.</summary>
    public static LoopbackToolsException ReadOtherwiseByOs(string path, HostsReadingDifference difference)
    {
        if (difference is null)
        {
            throw new ArgumentNullException(nameof(difference));
        }

        return new LoopbackToolsException(ReadOtherwiseByOsId, ErrorKind.InvalidData, $"{path} {difference.Reason}.", Capitalized(difference.Remedy) + ".", difference);
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    public static LoopbackToolsException InvalidAddress(string address) => new(
        InvalidAddressId,
        ErrorKind.InvalidArgument,
        $"'{address}' is not an IP address.",
        "Pass an IPv4 or IPv6 address such as 127.0.0.1 or ::1.",
        address);

    /// <summary>An address .NET reads but the OS resolver (glibc) would skip in a hosts file: refused before anything is written.</summary>
    public static LoopbackToolsException UnreadableAddress(string address, string reason, string remedy) => new(
        InvalidAddressId,
        ErrorKind.InvalidArgument,
        $"'{address}' cannot be written to a hosts file: {reason}, so the OS resolver would skip the line.",
        Capitalized(remedy) + "; the file was not changed.",
        address);

    /// <summary>A name lookups would not find as written (a trailing dot): refused before anything is written.</summary>
    public static LoopbackToolsException UnansweredHostName(string name, string reason, string remedy) => new(
        InvalidHostNameId,
        ErrorKind.InvalidArgument,
        $"'{name}' is not written to a hosts file: {reason}.",
        Capitalized(remedy) + "; the file was not changed.",
        name);

    /// <summary>A -Path that does not name a file-system location (a registry or variable path, an unknown drive).</summary>
    public static LoopbackToolsException InvalidPath(string path, string reason, Exception? inner = null) => new(
        InvalidPathId,
        ErrorKind.InvalidArgument,
        $"'{path}' is not a file-system path: {reason}",
        "Pass the path of a hosts file on a file-system drive.",
        path,
        inner);

    public static LoopbackToolsException InvalidHostName(string name, string reason) => new(
        InvalidHostNameId,
        ErrorKind.InvalidArgument,
        $"'{name}' is not a valid host name: {reason}",
        "Use letters, digits, '-', '.' and '_' only, at most 253 characters, such as app.test.",
        name);

    public static LoopbackToolsException InvalidComment(string comment) => new(
        InvalidCommentId,
        ErrorKind.InvalidArgument,
        "A hosts file comment must fit on one line, but the comment contains a line break.",
        "Remove the line breaks from -Comment.",
        comment);

    /// <summary>
    /// The edit would make the file start with bytes that read as a byte order mark (a later line began with them and
    /// every line before it was removed), so the file would read back in another encoding: refused, nothing written.
    /// </summary>
    public static LoopbackToolsException EncodingWouldChange(string path, HostsEncoding before, HostsEncoding after) => new(
        EncodingWouldChangeId,
        ErrorKind.InvalidOperation,
        $"After this edit {path} would start with the bytes of a byte order mark and read back as {after} instead of {before}.",
        "Remove or fix the line that begins with those bytes first (Get-HostsEntry -Strict shows it), then repeat the edit; the file was not changed.",
        path);

    /// <summary>A Set/Remove request that names nothing to change, or contradicts itself (-Enable with -Disable).</summary>
    public static LoopbackToolsException InvalidUpdate(string reason) => new(
        InvalidUpdateId,
        ErrorKind.InvalidArgument,
        reason,
        "Pass at least one change (-IPAddress, -Alias, -Comment, -Enable or -Disable), and no two options that contradict each other (-Enable with -Disable, -Backup with -NoBackup).",
        null);

    public static LoopbackToolsException NameAlreadyMapped(HostsEntry existing, string name)
    {
        if (existing is null)
        {
            throw new ArgumentNullException(nameof(existing));
        }

        return new LoopbackToolsException(
            NameAlreadyMappedId,
            ErrorKind.InvalidOperation,
            $"'{name}' is already mapped to {existing.IPAddress} on line {existing.LineNumber} of '{existing.Path}'.",
            "Change that entry with Set-HostsEntry, or add -Force to add another line anyway (resolvers use the first line that names it).",
            existing);
    }

    public static LoopbackToolsException EntryNotFound(string path, string what) => new(
        EntryNotFoundId,
        ErrorKind.ObjectNotFound,
        $"The hosts file '{path}' has no entry {what}.",
        "List the entries with Get-HostsEntry -IncludeDisabled and check the name or address.",
        what);

    public static LoopbackToolsException ConcurrentModification(string path, string detail) => new(
        ConcurrentModificationId,
        ErrorKind.InvalidOperation,
        $"The hosts file '{path}' changed after it was read ({detail}); nothing was written, so the other change is kept.",
        "Read the file again (Get-HostsEntry) and repeat the change.",
        path);

    /// <summary>Not elevated, a read-only file or file system: the write was refused before the file was touched.</summary>
    public static LoopbackToolsException WriteDenied(string path, string reason, Exception? inner = null) => new(
        WriteDeniedId,
        ErrorKind.PermissionDenied,
        $"The hosts file '{path}' cannot be changed: {reason}",
        ElevationRemedy,
        path,
        inner);

    /// <param name="state">What the file holds now: <see cref="NotChanged"/>, or how the original was put back.</param>
    public static LoopbackToolsException WriteFailed(string path, string reason, Exception? inner = null, string state = NotChanged) => new(
        WriteFailedId,
        ErrorKind.WriteError,
        $"The hosts file '{path}' could not be written: {reason} {state}",
        "Check free space and that the path names a regular file, then try again.",
        path,
        inner);

    /// <summary>A rewrite in place failed and so did writing the original bytes back: the file may hold part of the edit.</summary>
    public static LoopbackToolsException WriteIncomplete(string path, string reason, string? backupPath, Exception? inner = null) => new(
        WriteIncompleteId,
        ErrorKind.WriteError,
        $"The hosts file '{path}' was being rewritten in place and the write failed ({reason}); writing the original bytes back failed too, so the file may hold part of the new content.",
        backupPath is null
            ? "Check the file now (Get-HostsEntry -Strict) and free space, then repeat the edit."
            : $"Restore it from the backup: Copy-Item -LiteralPath '{backupPath}' -Destination '{path}' (copy, do not move: the file is a mount point), after freeing space.",
        path,
        inner);

    /// <summary>-Backup names the hosts file itself (or a link to it): replacing would delete it. Refused before anything is touched.</summary>
    public static LoopbackToolsException BackupIsTarget(string path, string backupPath) => new(
        BackupIsTargetId,
        ErrorKind.InvalidArgument,
        $"The backup path '{backupPath}' is the hosts file '{path}' itself; keeping the backup there would delete the file. Nothing was written.",
        "Pass another -Backup path (the default is hosts.bak beside the file), or -NoBackup.",
        backupPath);

    /// <summary>chattr +i: not even root may change the file; "not elevated" would send the user the wrong way.</summary>
    public static LoopbackToolsException FileImmutable(string path) => new(
        FileImmutableId,
        ErrorKind.PermissionDenied,
        $"The hosts file '{path}' has the immutable attribute (chattr +i), so not even root may change it. {NotChanged}",
        $"If the file should change, clear the attribute first: sudo chattr -i '{path}' (set it again afterwards with sudo chattr +i '{path}').",
        path);

    public static LoopbackToolsException FileLocked(string path, string lockPath, TimeSpan waited) => new(
        FileLockedId,
        ErrorKind.ResourceUnavailable,
        $"Another LoopbackTools writer held '{lockPath}' for {waited.TotalSeconds:0} s, so '{path}' was not changed.",
        "Wait for the other Add/Set/Remove-HostsEntry to finish, then try again.",
        path);
}
