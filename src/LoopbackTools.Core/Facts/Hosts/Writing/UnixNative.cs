using System;
using System.Runtime.InteropServices;

namespace LoopbackTools.Hosts;

/// <summary>
/// The few libc calls safe writes need on Linux and macOS that netstandard2.0 lacks. Only calls with
/// plain integer arguments or a fixed, architecture-independent layout (Linux struct statx) are used.
/// </summary>
internal static class UnixNative
{
    public const int AtCurrentDirectory = -100;
    public const uint StatxMode = 0x2;
    public const uint StatxUid = 0x8;
    public const uint StatxGid = 0x10;

    /// <summary>struct statx is 256 bytes on every Linux architecture (include/uapi/linux/stat.h).</summary>
    public const int StatxSize = 256;
    public const int StatxUidOffset = 20;
    public const int StatxGidOffset = 24;
    public const int StatxModeOffset = 28;

    /// <summary>PATH_MAX is 4096 on Linux and 1024 on macOS: a 4096-byte buffer fits both.</summary>
    public const int PathMax = 4096;

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int chmod(byte[] path, uint mode);

    /// <summary>uint.MaxValue (-1) for an id leaves it unchanged.</summary>
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int chown(byte[] path, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr realpath(byte[] path, byte[] resolved);

    /// <summary>open(2) with O_RDONLY (0 on Linux and macOS) and no mode: used only to fsync a folder.</summary>
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int close(int fd);

    /// <summary>A path as libc wants it: UTF-8, NUL-terminated (netstandard2.0 has no UTF-8 string marshalling).</summary>
    public static byte[] PathBytes(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
}
