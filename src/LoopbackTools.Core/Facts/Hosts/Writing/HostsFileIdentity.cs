using System;
using System.IO;

namespace LoopbackTools.Hosts;

/// <summary>
/// Whether two paths name one file, so a backup path that is the hosts file (by another spelling, a link, or
/// another letter case) is refused: keeping the backup would first remove it. Linux: device and inode.
/// Windows and macOS (case-insensitive volumes by default): the resolved full paths, ignoring case.
/// </summary>
internal static class HostsFileIdentity
{
    /// <param name="target">The hosts file, links already resolved.</param>
    public static bool AreSame(string target, string other)
    {
        if (UnixNative.OnLinux)
        {
            var a = UnixFileMetadata.TryRead(target);
            var b = UnixFileMetadata.TryRead(other);
            if (a is { HasIdentity: true } && b is { HasIdentity: true })
            {
                return a.Value.Device == b.Value.Device && a.Value.Inode == b.Value.Inode;
            }

            return string.Equals(target, Resolve(other), StringComparison.Ordinal);
        }

        return string.Equals(Resolve(target), Resolve(other), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The full path with links resolved (Unix realpath; of the folder when the file does not exist yet).</summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (!UnixNative.IsUnix)
        {
            return full;
        }

        var resolved = RealPath(full);
        if (resolved is not null)
        {
            return resolved;
        }

        var folder = Path.GetDirectoryName(full);
        var resolvedFolder = folder is null ? null : RealPath(folder);
        return resolvedFolder is null ? full : Path.Combine(resolvedFolder, Path.GetFileName(full));
    }

    private static string? RealPath(string path)
    {
        var buffer = new byte[UnixNative.PathMax];
        if (UnixNative.realpath(UnixNative.PathBytes(path), buffer) == IntPtr.Zero)
        {
            return null;
        }

        var length = Array.IndexOf(buffer, (byte)0);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }
}
