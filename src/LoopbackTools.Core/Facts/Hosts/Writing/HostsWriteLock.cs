using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace LoopbackTools.Hosts;

/// <summary>
/// Serialises LoopbackTools writers of one hosts file: flock(LOCK_EX) on a sidecar file next to it
/// (<c>.hosts.lock</c>) on Unix, a share-mode lock (no sharing) on Windows. A sidecar, not the hosts file
/// itself, because the hosts file is replaced by rename: a lock on it would stay with the old inode.
/// On Unix the sidecar is opened with O_NOFOLLOW and created 0600 (an existing one is set to 0600), so no other
/// user can hold the lock and block every writer, and a link planted in its place is refused; on Windows it is
/// created with an ACL for Administrators and SYSTEM only and opened without following a reparse point
/// (<see cref="WindowsLockSecurity"/>).
/// Where the folder is read-only (a container's read-only root with a bind-mounted, writable /etc/hosts) and the
/// file is rewritten in place, the lock is taken on the hosts file itself, whose inode then stays.
/// The kernel drops the lock when its holder dies, so a killed writer never blocks the next one.
/// The sidecar is left in place: deleting a lock file while another writer waits on it would break the lock.
/// </summary>
internal sealed class HostsWriteLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(15);
    private readonly IDisposable _holder;

    private HostsWriteLock(IDisposable holder, string lockedPath)
    {
        _holder = holder;
        LockedPath = lockedPath;
    }

    /// <summary>The file whose lock is held: the sidecar, or the hosts file itself.</summary>
    public string LockedPath { get; }

    public static string PathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", "." + Path.GetFileName(target) + ".lock");

    /// <param name="lockTargetIfFolderReadOnly">True when the file is rewritten in place, so a lock on the file itself is sound.</param>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.FileLocked after <paramref name="timeout"/>.</exception>
    public static HostsWriteLock Acquire(string target, string displayPath, TimeSpan timeout, bool lockTargetIfFolderReadOnly, CancellationToken cancellationToken)
    {
        var lockPath = PathFor(target);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return UnixNative.IsUnix ? AcquireOnUnix(target, lockPath, lockTargetIfFolderReadOnly) : new HostsWriteLock(WindowsLockSecurity.OpenLock(lockPath), lockPath);
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

    public void Dispose() => _holder.Dispose();

    /// <summary>
    /// The hosts file's bytes, read under this lock. Through the locked descriptor when the lock is on the file
    /// itself: a fresh .NET open would ask for flock(LOCK_SH) and be refused by the lock this writer holds.
    /// </summary>
    public byte[] ReadTarget(string target)
    {
        if (LockedPath != target || _holder is not SafeFileHandle handle)
        {
            return HostsFileReader.ReadAllBytes(target);
        }

        using var stream = new FileStream(new SafeFileHandle(handle.DangerousGetHandle(), false), FileAccess.Read, 1);
        return HostsFileReader.ReadAll(stream, target);
    }

    private static HostsWriteLock AcquireOnUnix(string target, string lockPath, bool lockTargetIfFolderReadOnly)
    {
        var fd = UnixNative.OnLinux ? OpenOrCreateOnLinux(lockPath, out var errno) : OpenOrCreateByLink(lockPath, out errno);
        var lockedPath = lockPath;
        if (fd < 0)
        {
            if (errno == UnixNative.ErrorReadOnlyFileSystem && lockTargetIfFolderReadOnly)
            {
                fd = UnixNative.open(UnixNative.PathBytes(target), UnixNative.NoFollow | UnixNative.CloseOnExec); // O_RDONLY: flock needs no write access
                lockedPath = target;
            }

            if (fd < 0)
            {
                throw Failure(lockedPath, fd == -1 && lockedPath == lockPath ? errno : Marshal.GetLastWin32Error());
            }
        }

        var handle = new SafeFileHandle((IntPtr)fd, true);
        try
        {
            if (lockedPath == lockPath)
            {
                // Best effort for a sidecar an older version created 0644; fails harmlessly on one owned by someone else.
                UnixNative.fchmod(handle.DangerousGetHandle(), Convert.ToUInt32("600", 8));
            }

            if (UnixNative.flock(handle.DangerousGetHandle(), UnixNative.LockExclusive | UnixNative.LockNonBlocking) != 0)
            {
                throw Failure(lockedPath, Marshal.GetLastWin32Error());
            }

            return new HostsWriteLock(handle, lockedPath);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static int OpenOrCreateOnLinux(string lockPath, out int errno)
    {
        var fd = UnixNative.OpenCreatingOnLinux(UnixNative.PathBytes(lockPath), UnixNative.ReadWrite | UnixNative.Create | UnixNative.NoFollow | UnixNative.CloseOnExec, Convert.ToUInt32("600", 8));
        errno = fd < 0 ? Marshal.GetLastWin32Error() : 0;
        return fd;
    }

    /// <summary>
    /// The sidecar without open(2)'s variadic mode (macOS: Apple's arm64 ABI passes variadic arguments on the stack,
    /// where a P/Invoke never puts them). Opened O_RDWR|O_NOFOLLOW|O_CLOEXEC with the platform's own flag values;
    /// when absent, mkostemp creates a 0600 file under a unique name beside it and link(2) gives it the lock's name
    /// only if that name is still free (link neither follows nor replaces an existing name). So, as on Linux, a link
    /// planted in its place is refused (ELOOP) and the file is created 0600. Only fixed-argument calls: tested on Linux.
    /// </summary>
    internal static int OpenOrCreateByLink(string lockPath, out int errno)
    {
        var name = UnixNative.PathBytes(lockPath);
        for (var round = 0; round < 3; round++)
        {
            var fd = UnixNative.open(name, UnixNative.ReadWrite | UnixNative.NoFollow | UnixNative.CloseOnExec);
            errno = fd < 0 ? Marshal.GetLastWin32Error() : 0;
            if (fd >= 0 || errno != UnixNative.ErrorNoSuchFile)
            {
                return fd;
            }

            var unique = UnixNative.PathBytes(lockPath + ".XXXXXX");
            var created = UnixNative.mkostemp(unique, UnixNative.CloseOnExec);
            if (created < 0)
            {
                errno = Marshal.GetLastWin32Error();
                return -1;
            }

            var linked = UnixNative.link(unique, name);
            errno = linked == 0 ? 0 : Marshal.GetLastWin32Error();
            UnixNative.unlink(unique);
            if (linked == 0)
            {
                return created;
            }

            UnixNative.close(created);
            if (errno != UnixNative.FileExists)
            {
                return -1;
            }

            // Another writer linked its sidecar first: open that one.
        }

        errno = UnixNative.FileExists;
        return -1;
    }

    private static Exception Failure(string path, int errno)
    {
        if (errno == UnixNative.WouldBlock)
        {
            return new IOException("locked", errno);
        }

        if (errno == UnixNative.TooManyLinks)
        {
            return new IOException($"the lock file '{path}' is a symbolic link, which a writer never follows (remove it).", errno);
        }

        if (errno is UnixNative.ErrorAccess or UnixNative.ErrorNotPermitted)
        {
            return new UnauthorizedAccessException($"Access to the lock file '{path}' is denied.");
        }

        return new IOException($"the lock file '{path}' could not be opened ({new Win32Exception(errno).Message}).", errno);
    }

    /// <summary>EWOULDBLOCK from flock (11 on Linux, 35 on macOS) or ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.</summary>
    private static bool IsSharingViolation(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
