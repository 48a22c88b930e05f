using System;
using System.Runtime.InteropServices;
using System.Text;
using LoopbackTools.Native;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// The few libc calls the Linux listener code needs. System.Net.Sockets cannot open AF_NETLINK sockets on
/// netstandard2.0, and readlink/getdents64 let the owner scan run without a string per file descriptor.
/// Paths are passed as NUL-terminated UTF-8 bytes so no string marshalling rules apply.
/// </summary>
internal static class LinuxNative
{
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int NetlinkRoute = 0;
    public const int NetlinkSockDiag = 4;
    public const int CloneNewNet = 0x40000000;
    public const int ORdOnly = 0;
    // O_DIRECTORY differs on Linux ARM (0x4000; there 0x10000 is O_DIRECT): read from the per-platform table.
    public static int ODirectory => UnixOpenFlags.Current.Directory;
    public const int OCloexec = 0x80000;

    public const int Eintr = 4;
    public const int Enoent = 2;
    public const int Esrch = 3;
    public const int Eacces = 13;
    public const int Eperm = 1;

    private const string Libc = "libc";

    /// <summary>NUL-terminated UTF-8 bytes of a path.</summary>
    public static byte[] Path(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    [DllImport(Libc, EntryPoint = "socket", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Socket(int domain, int type, int protocol);

    [DllImport(Libc, EntryPoint = "sendto", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr SendTo(int fd, byte[] buffer, IntPtr length, int flags, byte[] address, int addressLength);

    [DllImport(Libc, EntryPoint = "recv", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr Recv(int fd, byte[] buffer, IntPtr length, int flags);

    [DllImport(Libc, EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Open(byte[] path, int flags);

    [DllImport(Libc, EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Close(int fd);

    [DllImport(Libc, EntryPoint = "readlink", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr ReadLink(byte[] path, byte[] buffer, IntPtr size);

    [DllImport(Libc, EntryPoint = "readlinkat", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr ReadLinkAt(int directoryFd, byte[] path, byte[] buffer, IntPtr size);

    /// <summary>glibc 2.30+ and musl export it; callers fall back to Directory enumeration when it is missing.</summary>
    [DllImport(Libc, EntryPoint = "getdents64", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr GetDents64(int fd, byte[] buffer, IntPtr count);

    /// <summary>statx(2): one layout on every architecture (stx_ino at offset 32), unlike struct stat. glibc 2.28+.</summary>
    [DllImport(Libc, EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int StatX(int directoryFd, byte[] path, int flags, uint mask, byte[] buffer);

    /// <summary>The inode number of a path (the namespace id of an nsfs file such as /run/netns/NAME); null when unreadable.</summary>
    public static long? Inode(string path)
    {
        const int atFdCwd = -100;
        const uint statxIno = 0x100;
        var buffer = new byte[256];
        try
        {
            return StatX(atFdCwd, Path(path), 0, statxIno, buffer) == 0 ? (long)BitConverter.ToUInt64(buffer, 32) : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // a libc without statx
        }
    }

    [DllImport(Libc, EntryPoint = "setns", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int SetNs(int fd, int namespaceType);

    /// <summary>readlink into a string, or null with the errno.</summary>
    public static string? ReadLinkText(string path, out int errno)
    {
        var buffer = new byte[256];
        var n = (long)ReadLink(Path(path), buffer, (IntPtr)buffer.Length);
        if (n < 0)
        {
            errno = Marshal.GetLastWin32Error();
            return null;
        }

        errno = 0;
        return Encoding.UTF8.GetString(buffer, 0, (int)n);
    }
}
