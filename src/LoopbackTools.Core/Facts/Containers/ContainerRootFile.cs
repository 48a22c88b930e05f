using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;
using LoopbackTools.Native;
using Microsoft.Win32.SafeHandles;

namespace LoopbackTools.Containers;

/// <summary>
/// Reads a small text file of a running container (its /etc/hosts, /etc/resolv.conf) through /proc/PID/root
/// without ever leaving the container's root: the path is resolved relative to that root by openat2 with
/// RESOLVE_IN_ROOT (an absolute symbolic link inside the container points into the container, not at the host's
/// file), or, on kernels before 5.6, walked one component at a time with O_NOFOLLOW (any link refused). Opened
/// non-blocking, so a FIFO cannot hang the check; only a regular file of at most 1 MiB is read (/dev/zero never is).
/// Before entering, the pid is checked against the container id in /proc/PID/cgroup: where the engine sees
/// another pid namespace than ours (docker-outside-of-docker), its pid names another process here.
/// </summary>
internal static class ContainerRootFile
{
    public const int MaxBytes = 1024 * 1024;

    // O_DIRECTORY and O_NOFOLLOW differ on Linux on ARM: the platform's table, not the x86-64 numbers.
    private static readonly int OpenPath = UnixOpenFlags.Current.Path;
    private static readonly int OpenDirectory = UnixOpenFlags.Current.Directory;
    private static readonly int OpenNonBlocking = UnixOpenFlags.Current.NonBlocking;
    private static readonly int OpenNoFollow = UnixOpenFlags.Current.NoFollow;
    private static readonly int OpenCloseOnExec = UnixOpenFlags.Current.CloseOnExec;
    private static readonly int OpenNoControllingTerminal = UnixOpenFlags.Current.NoControllingTerminal;
    private const ulong ResolveNoMagicLinks = 0x02;
    private const ulong ResolveInRoot = 0x10;
    private const long SysOpenat2 = 437; // the same number on every Linux architecture (asm-generic, x86-64)
    private const int NoSuchSystemCall = 38; // ENOSYS
    private const int NoSuchFile = 2; // ENOENT
    private const int StatxTypeAndSize = 0x1 | 0x200; // STATX_TYPE | STATX_SIZE

    /// <summary>The file's bytes.</summary>
    /// <exception cref="LoopbackToolsException">Docker.ContainerPidMismatch, Docker.ContainerGone, Docker.ContainerFileUnreadable.</exception>
    public static byte[] Read(int pid, string containerId, string pathInContainer)
    {
        CheckPid(pid, containerId);
        var rootPath = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/root";
        var root = open(Bytes(rootPath), OpenPath | OpenDirectory | OpenCloseOnExec);
        if (root < 0)
        {
            throw DockerErrors.ContainerGone(containerId, pid, Errno());
        }

        try
        {
            using var handle = new SafeFileHandle((IntPtr)OpenInRoot(root, pathInContainer, containerId), true);
            CheckRegularAndSmall(handle, pathInContainer, containerId);
            using var stream = new FileStream(handle, FileAccess.Read, 1);
            var buffer = new byte[MaxBytes + 1];
            var length = 0;
            int n;
            while (length < buffer.Length && (n = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += n;
            }

            if (length > MaxBytes)
            {
                throw DockerErrors.ContainerFileUnreadable(containerId, pathInContainer, $"it grew beyond {MaxBytes / 1024} KiB while being read");
            }

            Array.Resize(ref buffer, length);
            return buffer;
        }
        catch (IOException e)
        {
            throw DockerErrors.ContainerFileUnreadable(containerId, pathInContainer, e.Message);
        }
        finally
        {
            close(root);
        }
    }

    /// <summary>The container id must appear in the process's cgroup path (docker-ID.scope, /docker/ID, libpod-ID.scope).</summary>
    internal static void CheckPid(int pid, string containerId)
    {
        string cgroup;
        try
        {
            cgroup = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/cgroup");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DockerErrors.ContainerGone(containerId, pid, e.Message);
        }

        if (containerId.Length < 12 || cgroup.IndexOf(containerId, StringComparison.OrdinalIgnoreCase) < 0)
        {
            throw DockerErrors.ContainerPidMismatch(containerId, pid, cgroup.Trim());
        }
    }

    private static int OpenInRoot(int root, string pathInContainer, string containerId)
    {
        var relative = pathInContainer.TrimStart('/');
        var how = new byte[24]; // struct open_how { u64 flags; u64 mode; u64 resolve; }
        BitConverter.GetBytes((ulong)(OpenNonBlocking | OpenCloseOnExec | OpenNoControllingTerminal)).CopyTo(how, 0);
        BitConverter.GetBytes(ResolveInRoot | ResolveNoMagicLinks).CopyTo(how, 16);
        var fd = (int)syscall(SysOpenat2, root, Bytes(relative), how, (IntPtr)how.Length);
        if (fd >= 0)
        {
            return fd;
        }

        var errno = Marshal.GetLastWin32Error();
        if (errno != NoSuchSystemCall)
        {
            throw Unreadable(containerId, pathInContainer, errno);
        }

        return WalkWithoutLinks(root, relative, pathInContainer, containerId);
    }

    /// <summary>Kernels without openat2: each folder opened O_PATH|O_NOFOLLOW from the one before, so no link is followed anywhere.</summary>
    private static int WalkWithoutLinks(int root, string relative, string pathInContainer, string containerId)
    {
        var parts = relative.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i] == "..")
                {
                    throw DockerErrors.ContainerFileUnreadable(containerId, pathInContainer, "the path leaves the container's root");
                }

                var last = i == parts.Length - 1;
                var flags = OpenNoFollow | OpenCloseOnExec | (last ? OpenNonBlocking | OpenNoControllingTerminal : OpenPath | OpenDirectory);
                var next = openat(current, Bytes(parts[i]), flags);
                if (next < 0)
                {
                    throw Unreadable(containerId, pathInContainer, Marshal.GetLastWin32Error());
                }

                if (current != root)
                {
                    close(current);
                }

                current = next;
            }

            return current;
        }
        catch
        {
            if (current != root)
            {
                close(current);
            }

            throw;
        }
    }

    private static void CheckRegularAndSmall(SafeFileHandle handle, string pathInContainer, string containerId)
    {
        var buffer = new byte[256];
        if (statx((int)handle.DangerousGetHandle(), Bytes(string.Empty), 0x1000 /* AT_EMPTY_PATH */, StatxTypeAndSize, buffer) != 0)
        {
            throw Unreadable(containerId, pathInContainer, Marshal.GetLastWin32Error());
        }

        var type = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        if (type != 0x8000)
        {
            var kind = type switch { 0x1000 => "a FIFO", 0x2000 => "a character device", 0x6000 => "a block device", 0xC000 => "a socket", 0x4000 => "a directory", _ => "not a regular file" };
            throw DockerErrors.ContainerFileUnreadable(containerId, pathInContainer, $"it is {kind}, not a regular file, so it is not read");
        }

        var size = BitConverter.ToUInt64(buffer, 40);
        if (size > MaxBytes)
        {
            throw DockerErrors.ContainerFileUnreadable(containerId, pathInContainer, $"it holds {size:N0} bytes, more than the {MaxBytes / 1024} KiB read");
        }
    }

    private static LoopbackToolsException Unreadable(string containerId, string pathInContainer, int errno) =>
        DockerErrors.ContainerFileUnreadable(
            containerId,
            pathInContainer,
            errno == NoSuchFile ? "it does not exist inside the container (a link is resolved inside the container's root, never against the host's)" : new Win32Exception(errno).Message);

    private static string Errno() => new Win32Exception(Marshal.GetLastWin32Error()).Message;

    private static byte[] Bytes(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int openat(int dirfd, byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    /// <summary>syscall(2) for openat2, which glibc does not wrap; Linux ABIs pass these integer and pointer arguments like fixed ones.</summary>
    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, int dirfd, byte[] path, byte[] how, IntPtr size);
}
