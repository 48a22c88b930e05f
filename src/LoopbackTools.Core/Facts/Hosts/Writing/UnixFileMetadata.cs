using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace LoopbackTools.Hosts;

/// <summary>
/// What the writer needs to know of a Unix file: permission bits and owner (given to its replacement, since
/// rename(2) installs the new inode with the writer's umask and identity), device and inode (is the backup the
/// same file?), and the immutable and mount-root attributes. Linux: statx (fixed layout). macOS: the mode through
/// .NET's File.GetUnixFileMode (.NET 7+, which every PowerShell on macOS runs), and nothing else: the replacement
/// belongs to the writer (root:wheel under sudo, as /private/etc/hosts is).
/// </summary>
internal readonly struct UnixFileMetadata
{
    private const uint Unchanged = uint.MaxValue;

    private UnixFileMetadata(uint mode, uint uid, uint gid, ulong device = 0, ulong inode = 0, ulong attributes = 0, ulong attributesKnown = 0)
    {
        Mode = mode;
        Uid = uid;
        Gid = gid;
        Device = device;
        Inode = inode;
        Attributes = attributes;
        AttributesKnown = attributesKnown;
    }

    /// <summary>Permission bits including setuid/setgid/sticky (mode &amp; 07777).</summary>
    public uint Mode { get; }

    /// <summary>Owner, or uint.MaxValue when unknown (left unchanged).</summary>
    public uint Uid { get; }

    public uint Gid { get; }

    /// <summary>Device (major &lt;&lt; 32 | minor) and inode; both 0 when unknown (macOS).</summary>
    public ulong Device { get; }

    public ulong Inode { get; }

    /// <summary>stx_attributes and stx_attributes_mask (which bits this file system reports).</summary>
    public ulong Attributes { get; }

    public ulong AttributesKnown { get; }

    /// <summary>chattr +i: not even root may replace or write it.</summary>
    public bool IsImmutable => (Attributes & UnixNative.AttributeImmutable) != 0;

    /// <summary>The file is itself a mount point (a bind-mounted /etc/hosts in a container): rename(2) cannot replace it.</summary>
    public bool IsMountRoot => (Attributes & UnixNative.AttributeMountRoot) != 0;

    public bool HasIdentity => Inode != 0;

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

    /// <summary>The metadata of an existing file, or null when it does not exist or cannot be examined.</summary>
    public static UnixFileMetadata? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? Read(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Reflection.TargetInvocationException)
        {
            return null;
        }
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
        const uint wanted = UnixNative.StatxType | UnixNative.StatxMode | UnixNative.StatxUid | UnixNative.StatxGid | UnixNative.StatxInode;
        if (UnixNative.statx(UnixNative.AtCurrentDirectory, UnixNative.PathBytes(path), 0, wanted, buffer) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new IOException($"statx failed: {new Win32Exception(errno).Message}", errno);
        }

        var device = ((ulong)BitConverter.ToUInt32(buffer, UnixNative.StatxDeviceMajorOffset) << 32) | BitConverter.ToUInt32(buffer, UnixNative.StatxDeviceMinorOffset);
        return new UnixFileMetadata(
            BitConverter.ToUInt16(buffer, UnixNative.StatxModeOffset) & 0xFFFu,
            BitConverter.ToUInt32(buffer, UnixNative.StatxUidOffset),
            BitConverter.ToUInt32(buffer, UnixNative.StatxGidOffset),
            device,
            BitConverter.ToUInt64(buffer, UnixNative.StatxInodeOffset),
            BitConverter.ToUInt64(buffer, UnixNative.StatxAttributesOffset),
            BitConverter.ToUInt64(buffer, UnixNative.StatxAttributesMaskOffset));
    }

    /// <summary>
    /// Gives the open file <paramref name="handle"/> this mode and owner (owner first: chown clears setuid bits).
    /// Through the handle, not the path, so nobody can swap the file for a link between creating and chown.
    /// </summary>
    public void ApplyTo(SafeHandle handle)
    {
        var fd = handle.DangerousGetHandle();
        if ((Uid != Unchanged || Gid != Unchanged) && UnixNative.fchown(fd, Uid, Gid) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new UnauthorizedAccessException($"the new file could not be given the owner {Uid}:{Gid} ({new Win32Exception(errno).Message}).");
        }

        if (UnixNative.fchmod(fd, Mode) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new IOException($"the new file could not be given the mode {Convert.ToString(Mode, 8)} ({new Win32Exception(errno).Message}).", errno);
        }
    }
}
