using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Hosts;

/// <summary>
/// Replaces a hosts file so that it is, at every instant and whatever kills the writer, either the old file
/// or the new one: the new bytes go to a temporary file in the same folder, are flushed to disk, get the old
/// file's mode and owner (Unix; on Windows File.Replace keeps the ACL, owner and attributes), and are renamed
/// over the old file in one step (File.Replace: rename(2) on Unix, ReplaceFile on Windows), keeping one backup.
/// Optimistic concurrency: under a writers' lock the file is read again and must still hold exactly the bytes
/// the edit was based on; otherwise nothing is written (Hosts.ConcurrentModification).
/// </summary>
public static class HostsFileWriter
{
    /// <summary>How long a writer waits for another LoopbackTools writer of the same file.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private const int ReadOnlyFileSystem = 30; // EROFS on Linux and macOS

    /// <summary>The backup kept when none is chosen: <c>hosts.bak</c> beside the file.</summary>
    public static string DefaultBackupPath(string path) => (path ?? throw new ArgumentNullException(nameof(path))) + ".bak";

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
    /// Hosts.WriteFailed, Hosts.FileLocked, Hosts.FileNotFound. In every case the file is unchanged and no temporary file is left.
    /// </exception>
    public static void Write(string path, byte[] expected, byte[] content, string? backupPath, CancellationToken cancellationToken = default)
    {
        if (path is null || expected is null || content is null)
        {
            throw new ArgumentNullException(path is null ? nameof(path) : expected is null ? nameof(expected) : nameof(content));
        }

        string? temp = null;
        try
        {
            var target = ResolveLinks(Path.GetFullPath(path));
            var folder = Path.GetDirectoryName(target) ?? ".";
            using (HostsWriteLock.Acquire(target, path, LockTimeout, cancellationToken))
            {
                var current = HostsFileReader.ReadAllBytes(target);
                if (!SameBytes(current, expected))
                {
                    throw HostsErrors.ConcurrentModification(path, $"it now holds {current.Length:N0} bytes that differ from the {expected.Length:N0} read");
                }

                // Under the lock no other writer is between creating its temporary file and renaming it: any left is from a killed writer.
                RemoveStaleTemporaryFiles(target);
                temp = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                {
                    // Mode and owner before the content, so the bytes are never readable by more people than the original's.
                    if (UnixNative.IsUnix)
                    {
                        UnixFileMetadata.Read(target).ApplyTo(temp);
                    }

                    stream.Write(content, 0, content.Length);
                    stream.Flush(true);
                }

                cancellationToken.ThrowIfCancellationRequested();
                File.Replace(temp, target, backupPath, false);
                temp = null;
                SyncFolder(folder);
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
        catch (IOException e) when (e.HResult == ReadOnlyFileSystem && UnixNative.IsUnix)
        {
            throw HostsErrors.WriteDenied(path, "the file system is mounted read-only.", e);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ArgumentException or PlatformNotSupportedException)
        {
            throw HostsErrors.WriteFailed(path, e.Message, e);
        }
        finally
        {
            if (temp is not null)
            {
                TryDelete(temp);
            }
        }
    }

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

    /// <summary>Follows symbolic links (Unix), so a linked hosts file is replaced at its real place and the link is kept.</summary>
    private static string ResolveLinks(string path)
    {
        if (!UnixNative.IsUnix)
        {
            return path;
        }

        var buffer = new byte[UnixNative.PathMax];
        if (UnixNative.realpath(UnixNative.PathBytes(path), buffer) == IntPtr.Zero)
        {
            return path; // missing: reading reports Hosts.FileNotFound
        }

        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
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

    private static bool SameBytes(byte[] a, byte[] b)
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

    private static void TryDelete(string path)
    {
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
