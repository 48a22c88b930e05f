using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace LoopbackTools.Hosts;

/// <summary>
/// A Unix file's permission bits and owner, read from the hosts file and given to its replacement, since
/// rename(2) installs the new inode with the writer's umask and identity. Linux: statx (fixed layout).
/// macOS: the mode through .NET's File.GetUnixFileMode (.NET 7+, which every PowerShell on macOS runs),
/// and no owner: the replacement belongs to the writer (root:wheel under sudo, as /private/etc/hosts is).
/// </summary>
internal readonly struct UnixFileMetadata
{
    private const uint Unchanged = uint.MaxValue;

    private UnixFileMetadata(uint mode, uint uid, uint gid)
    {
        Mode = mode;
        Uid = uid;
        Gid = gid;
    }

    /// <summary>Permission bits including setuid/setgid/sticky (mode &amp; 07777).</summary>
    public uint Mode { get; }

    /// <summary>Owner, or uint.MaxValue when unknown (left unchanged).</summary>
    public uint Uid { get; }

    public uint Gid { get; }

    public static UnixFileMetadata Read(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            try
            {
                return ReadWithStatx(path);
            }
            catch (EntryPointNotFoundException)
            {
                // glibc before 2.28 or an old musl has no statx wrapper: keep the mode, leave the owner to the writer.
            }
        }

        return ReadModeOnly(path);
    }

    /// <summary>The mode through File.GetUnixFileMode (.NET 7+, found by reflection since netstandard2.0 lacks it); owner unknown.</summary>
    internal static UnixFileMetadata ReadModeOnly(string path)
    {
        var getMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) })
            ?? throw new PlatformNotSupportedException("This .NET has no File.GetUnixFileMode; PowerShell 7.4 or later is needed to edit hosts files here.");
        return new UnixFileMetadata(Convert.ToUInt32(getMode.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture), Unchanged, Unchanged);
    }

    private static UnixFileMetadata ReadWithStatx(string path)
    {
        var buffer = new byte[UnixNative.StatxSize];
        if (UnixNative.statx(UnixNative.AtCurrentDirectory, UnixNative.PathBytes(path), 0, UnixNative.StatxMode | UnixNative.StatxUid | UnixNative.StatxGid, buffer) != 0)
        {
            throw new IOException($"statx failed: {new Win32Exception(Marshal.GetLastWin32Error()).Message}", Marshal.GetLastWin32Error());
        }

        return new UnixFileMetadata(
            BitConverter.ToUInt16(buffer, UnixNative.StatxModeOffset) & 0xFFFu,
            BitConverter.ToUInt32(buffer, UnixNative.StatxUidOffset),
            BitConverter.ToUInt32(buffer, UnixNative.StatxGidOffset));
    }

    /// <summary>Gives <paramref name="path"/> this mode and owner (owner first: chown clears setuid bits).</summary>
    public void ApplyTo(string path)
    {
        if ((Uid != Unchanged || Gid != Unchanged) && UnixNative.chown(UnixNative.PathBytes(path), Uid, Gid) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new UnauthorizedAccessException($"the new file could not be given the owner {Uid}:{Gid} ({new Win32Exception(errno).Message}).");
        }

        if (UnixNative.chmod(UnixNative.PathBytes(path), Mode) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new IOException($"the new file could not be given the mode {Convert.ToString(Mode, 8)} ({new Win32Exception(errno).Message}).", errno);
        }
    }
}
