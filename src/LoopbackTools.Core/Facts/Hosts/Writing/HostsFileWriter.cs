using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Hosts;

/// <summary>
/// Replaces a hosts file so that it is, at every instant and whatever kills the writer, either the old file
/// or the new one: the new bytes go to a temporary file in the same folder, get the old file's mode, owner,
/// SELinux label and ACL (Unix, through the open handle; on Windows ReplaceFile keeps the ACL, owner and
/// attributes), are flushed to disk, and are renamed over the old file in one step (rename(2) on Unix,
/// ReplaceFile on Windows), keeping one backup that is replaced only once the new file is in place.
/// A file that is a mount point (a container's /etc/hosts) cannot be renamed over: it is rewritten in place
/// (<see cref="HostsInPlaceWriter"/>), after a backup copy, and is not atomic.
/// Optimistic concurrency: under a writers' lock the file is read again and must still hold exactly the bytes
/// the edit was based on; otherwise nothing is written (Hosts.ConcurrentModification).
/// </summary>
public static class HostsFileWriter
{
    /// <summary>How long a writer waits for another LoopbackTools writer of the same file.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The backup kept when none is chosen: <c>hosts.bak</c> beside the file.</summary>
    public static string DefaultBackupPath(string path) => (path ?? throw new ArgumentNullException(nameof(path))) + ".bak";

    /// <summary>
    /// True when <paramref name="path"/> is a mount point (statx STATX_ATTR_MOUNT_ROOT, Linux 5.8+), so it is
    /// rewritten in place rather than replaced; -WhatIf and -Verbose say so.
    /// </summary>
    public static bool IsRewrittenInPlace(string path) =>
        UnixNative.OnLinux && UnixFileMetadata.TryRead(HostsFileIdentity.Resolve(path ?? throw new ArgumentNullException(nameof(path)))) is { IsMountRoot: true };

    /// <summary>Writes an edit: the result's bytes, if the file still holds the bytes its document was read from.</summary>
    /// <param name="backupPath">Where the replaced file is kept (one backup, overwritten each time); null for none.</param>
    public static void Write(HostsEditResult result, HostsDocument original, string? backupPath, CancellationToken cancellationToken = default)
    {
        if (result is null || original is null)
        {
            throw new ArgumentNullException(result is null ? nameof(result) : nameof(original));
        }

        Write(original.Path, original.ToBytes(), result.Content, backupPath, cancellationToken);
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> if it still holds exactly <paramref name="expected"/>.</summary>
    /// <exception cref="LoopbackToolsException">
    /// Hosts.ConcurrentModification (changed since read), Hosts.WriteDenied (not elevated, read-only),
    /// Hosts.FileImmutable, Hosts.BackupIsTarget, Hosts.WriteFailed, Hosts.FileLocked, Hosts.FileNotFound:
    /// the file holds what it held before, no temporary file is left, and the backup is the older one.
    /// Hosts.WriteIncomplete: an in-place rewrite failed and so did writing the original back.
    /// </exception>
    public static void Write(string path, byte[] expected, byte[] content, string? backupPath, CancellationToken cancellationToken = default)
    {
        if (path is null || expected is null || content is null)
        {
            throw new ArgumentNullException(path is null ? nameof(path) : expected is null ? nameof(expected) : nameof(content));
        }

        string? temp = null;
        HostsBackup? backup = null;
        try
        {
            var target = HostsFileIdentity.Resolve(path);
            var fullBackup = backupPath is null ? null : Path.GetFullPath(backupPath);
            if (fullBackup is not null && HostsFileIdentity.AreSame(target, fullBackup))
            {
                throw HostsErrors.BackupIsTarget(path, backupPath!);
            }

            var metadata = UnixNative.OnLinux ? UnixFileMetadata.TryRead(target) : null;
            if (metadata is { IsImmutable: true })
            {
                throw HostsErrors.FileImmutable(path);
            }

            var inPlace = metadata is { IsMountRoot: true };
            using (var writersLock = HostsWriteLock.Acquire(target, path, LockTimeout, inPlace, cancellationToken))
            {
                var current = writersLock.ReadTarget(target);
                if (!SameBytes(current, expected))
                {
                    throw HostsErrors.ConcurrentModification(path, $"it now holds {current.Length:N0} bytes that differ from the {expected.Length:N0} read");
                }

                // Under the lock no other writer is between creating its temporary file and renaming it: any left is from a killed writer.
                RemoveStaleTemporaryFiles(target);
                if (inPlace)
                {
                    RewriteInPlace(target, path, current, content, fullBackup, cancellationToken);
                    return;
                }

                temp = TemporaryName(target);
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                {
                    // Metadata before the content, so the bytes are never readable by more people than the original's.
                    if (UnixNative.IsUnix)
                    {
                        UnixFileMetadata.Read(target).ApplyTo(stream.SafeFileHandle);
                        UnixSecurityAttributes.Copy(target, stream.SafeFileHandle);
                    }

                    stream.Write(content, 0, content.Length);
                    stream.Flush(true);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (!UnixNative.IsUnix)
                {
                    WindowsFileReplacer.System.Replace(temp, target, fullBackup, current, path);
                    temp = null;
                    return;
                }

                backup = fullBackup is null ? null : HostsBackup.Stage(target, current, fullBackup, copy: false);
                if (UnixNative.rename(UnixNative.PathBytes(temp), UnixNative.PathBytes(target)) != 0)
                {
                    var errno = Marshal.GetLastWin32Error();
                    if (errno != UnixNative.ErrorBusy)
                    {
                        throw RenameFailure(errno);
                    }

                    // A mount point statx did not report (kernel before 5.8): rewrite in place instead.
                    TryDelete(temp);
                    temp = null;
                    backup?.Discard();
                    backup = null;
                    RewriteInPlace(target, path, current, content, fullBackup, cancellationToken);
                    return;
                }

                temp = null;
                backup?.Commit();
                SyncFolder(Path.GetDirectoryName(target) ?? ".");
            }
        }
        catch (LoopbackToolsException)
        {
            throw;
        }
        catch (UnauthorizedAccessException e)
        {
            throw HostsErrors.WriteDenied(path, Reason(e, "permission denied (not elevated, or the file or its folder is read-only)."), e);
        }
        catch (IOException e) when (e.HResult == UnixNative.ErrorReadOnlyFileSystem && UnixNative.IsUnix)
        {
            throw HostsErrors.WriteDenied(path, "the file system is mounted read-only" + (backupPath is null ? "." : " (where the file or its backup would be written; -Backup can name a writable place, or -NoBackup)."), e);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ArgumentException or PlatformNotSupportedException)
        {
            throw HostsErrors.WriteFailed(path, e.Message, e);
        }
        finally
        {
            TryDelete(temp);
            backup?.Discard();
        }
    }

    /// <summary>
    /// The mount-point path: the backup is a copy, committed before the file is touched (an older backup kept aside
    /// until the write succeeds), then the bytes are written over the file through a handle opened without following links.
    /// </summary>
    private static void RewriteInPlace(string target, string displayPath, byte[] current, byte[] content, string? backupPath, CancellationToken cancellationToken)
    {
        using var stream = HostsInPlaceWriter.Open(target);
        var backup = backupPath is null ? null : HostsBackup.Stage(target, current, backupPath, copy: true);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            backup?.Commit(keepPrevious: true);
            HostsInPlaceWriter.Write(stream, displayPath, current, content, backupPath);
        }
        catch (LoopbackToolsException e) when (e.ErrorId == HostsErrors.WriteFailedId)
        {
            backup?.Revert();
            throw;
        }
        finally
        {
            backup?.Discard();
        }
    }

    private static Exception RenameFailure(int errno)
    {
        var message = new System.ComponentModel.Win32Exception(errno).Message;
        if (errno is UnixNative.ErrorAccess or UnixNative.ErrorNotPermitted)
        {
            return new UnauthorizedAccessException(message);
        }

        return new IOException($"the new file could not be renamed over the old one ({message}).", errno);
    }

    /// <summary>A unique temporary name beside <paramref name="path"/>: <c>.name.&lt;random&gt;.tmp</c>.</summary>
    internal static string TemporaryName(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");

    /// <summary>Temporary files a killed writer left: <c>.hosts.*.tmp</c> beside the file.</summary>
    internal static string[] TemporaryFiles(string target) =>
        Directory.GetFiles(Path.GetDirectoryName(target) ?? ".", "." + Path.GetFileName(target) + ".*.tmp");

    private static string Reason(UnauthorizedAccessException e, string fallback) =>
        e.Message.StartsWith("the new file", StringComparison.Ordinal) ? e.Message : fallback;

    private static void RemoveStaleTemporaryFiles(string target)
    {
        foreach (var stale in TemporaryFiles(target))
        {
            TryDelete(stale);
        }
    }

    /// <summary>Makes the rename itself durable (Unix); Windows journals it.</summary>
    private static void SyncFolder(string folder)
    {
        if (!UnixNative.IsUnix)
        {
            return;
        }

        var fd = UnixNative.open(UnixNative.PathBytes(folder), 0);
        if (fd >= 0)
        {
            UnixNative.fsync(fd);
            UnixNative.close(fd);
        }
    }

    internal static bool SameBytes(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    internal static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover is removed by the next writer, under the lock.
        }
    }
}
