using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace LoopbackTools.Hosts;

/// <summary>
/// Serialises LoopbackTools writers of one hosts file: an exclusive open of a sidecar file next to it
/// (<c>.hosts.lock</c>). On Unix .NET takes flock(LOCK_EX) for FileShare.None (off only if
/// DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set); on Windows it is a share-mode lock. A sidecar, not the
/// hosts file itself, because the hosts file is replaced by rename: a lock on it would stay with the old inode.
/// The kernel drops the lock when its holder dies, so a killed writer never blocks the next one.
/// The sidecar is left in place: deleting a lock file while another writer waits on it would break the lock.
/// </summary>
internal sealed class HostsWriteLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(15);
    private readonly FileStream _stream;

    private HostsWriteLock(FileStream stream)
    {
        _stream = stream;
    }

    public static string PathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", "." + Path.GetFileName(target) + ".lock");

    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.FileLocked after <paramref name="timeout"/>.</exception>
    public static HostsWriteLock Acquire(string target, string displayPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var lockPath = PathFor(target);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new HostsWriteLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
            }
            catch (IOException e) when (IsSharingViolation(e))
            {
                if (clock.Elapsed >= timeout)
                {
                    throw HostsErrors.FileLocked(displayPath, lockPath, clock.Elapsed);
                }
            }

            cancellationToken.WaitHandle.WaitOne(RetryInterval);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>EWOULDBLOCK from flock (11 on Linux, 35 on macOS) or ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.</summary>
    private static bool IsSharingViolation(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
