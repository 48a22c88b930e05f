using System;
using System.Runtime.InteropServices;
using LoopbackTools.Native;

namespace LoopbackTools.Hosts;

/// <summary>
/// The few libc calls safe writes need on Linux and macOS that netstandard2.0 lacks. Only calls with
/// plain integer arguments or a fixed, architecture-independent layout (Linux struct statx) are used.
/// The variadic open(2) is called with a mode only on Linux, whose ABIs pass variadic integers like fixed ones
/// (Apple's arm64 ABI does not, so macOS never creates a file through it).
/// </summary>
internal static class UnixNative
{
    public const int AtCurrentDirectory = -100;
    public const int AtEmptyPath = 0x1000;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint StatxType = 0x1;
    public const uint StatxMode = 0x2;
    public const uint StatxUid = 0x8;
    public const uint StatxGid = 0x10;
    public const uint StatxInode = 0x100;

    /// <summary>stx_attributes bits (include/uapi/linux/stat.h).</summary>
    public const ulong AttributeImmutable = 0x10;
    public const ulong AttributeMountRoot = 0x2000;

    /// <summary>struct statx is 256 bytes on every Linux architecture (include/uapi/linux/stat.h).</summary>
    public const int StatxSize = 256;
    public const int StatxAttributesOffset = 8;
    public const int StatxUidOffset = 20;
    public const int StatxGidOffset = 24;
    public const int StatxModeOffset = 28;
    public const int StatxInodeOffset = 32;
    public const int StatxAttributesMaskOffset = 56;
    public const int StatxDeviceMajorOffset = 136;
    public const int StatxDeviceMinorOffset = 140;

    /// <summary>PATH_MAX is 4096 on Linux and 1024 on macOS: a 4096-byte buffer fits both.</summary>
    public const int PathMax = 4096;

    public const int ErrorNotPermitted = 1;
    public const int ErrorNoSuchFile = 2;
    public const int ErrorAccess = 13;
    public const int ErrorBusy = 16;
    public const int ErrorCrossDevice = 18;
    public const int ErrorReadOnlyFileSystem = 30;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;

    private static readonly bool IsLinux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    public static int WriteOnly => UnixOpenFlags.Current.WriteOnly;

    public static int ReadWrite => UnixOpenFlags.Current.ReadWrite;

    public static int Create => UnixOpenFlags.Current.Create;

    public static int NoFollow => UnixOpenFlags.Current.NoFollow;

    public static int CloseOnExec => UnixOpenFlags.Current.CloseOnExec;

    public static int WouldBlock => UnixOpenFlags.Current.WouldBlock;

    public static int TooManyLinks => UnixOpenFlags.Current.TooManyLinks; // ELOOP: O_NOFOLLOW met a symbolic link

    public static int FileExists => UnixOpenFlags.Current.FileExists;

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int fchmod(IntPtr fd, uint mode);

    /// <summary>uint.MaxValue (-1) for an id leaves it unchanged.</summary>
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int fchown(IntPtr fd, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr realpath(byte[] path, byte[] resolved);

    /// <summary>open(2) without O_CREAT (no mode): safe on every Unix ABI.</summary>
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int open(byte[] path, int flags);

    /// <summary>open(2) with a mode for O_CREAT: Linux only (see the class comment).</summary>
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int OpenCreatingOnLinux(byte[] path, int flags, uint mode);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int flock(IntPtr fd, int operation);

    /// <summary>mkostemp(3): creates a unique file from a template ending in XXXXXX, mode 0600, O_EXCL; not variadic.</summary>
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int mkostemp(byte[] template, int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int unlink(byte[] path);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int rename(byte[] from, byte[] to);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int link(byte[] from, byte[] to);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int close(int fd);

    /// <summary>Linux lgetxattr: the attribute of the path itself (a link is not followed).</summary>
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr lgetxattr(byte[] path, byte[] name, byte[]? value, UIntPtr size);

    /// <summary>Linux fsetxattr (macOS has extra arguments; only called on Linux).</summary>
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int fsetxattr(IntPtr fd, byte[] name, byte[] value, UIntPtr size, int flags);

    /// <summary>A path as libc wants it: UTF-8, NUL-terminated (netstandard2.0 has no UTF-8 string marshalling).</summary>
    public static byte[] PathBytes(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    public static bool OnLinux => IsLinux;
}
