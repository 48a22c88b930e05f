using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace LoopbackTools.Hosts;

/// <summary>
/// Carries the SELinux label and the POSIX access ACL of the hosts file over to its replacement (Linux), which
/// would otherwise get the folder's defaults (etc_t instead of net_conf_t on Fedora/RHEL, no ACL entries).
/// An attribute the original lacks, or a file system without xattrs, is skipped.
/// </summary>
internal static class UnixSecurityAttributes
{
    public static readonly string[] Names = { "security.selinux", "system.posix_acl_access" };

    private const int NoData = 61; // ENODATA: the file has no such attribute
    private const int NotSupported = 95; // EOPNOTSUPP: the file system has no xattrs of this kind

    public static void Copy(string source, SafeHandle destination)
    {
        if (!UnixNative.OnLinux)
        {
            return;
        }

        foreach (var name in Names)
        {
            var value = Read(source, name);
            if (value is null)
            {
                continue;
            }

            if (UnixNative.fsetxattr(destination.DangerousGetHandle(), UnixNative.PathBytes(name), value, (UIntPtr)value.Length, 0) != 0)
            {
                var errno = Marshal.GetLastWin32Error();
                throw new IOException($"the new file could not be given the original's {name} ({new Win32Exception(errno).Message}).", errno);
            }
        }
    }

    /// <summary>The attribute's bytes, or null when the file has none (or its file system keeps none).</summary>
    public static byte[]? Read(string path, string name)
    {
        var pathBytes = UnixNative.PathBytes(path);
        var nameBytes = UnixNative.PathBytes(name);
        var size = (long)UnixNative.lgetxattr(pathBytes, nameBytes, null, UIntPtr.Zero);
        if (size < 0)
        {
            var errno = Marshal.GetLastWin32Error();
            if (errno is NoData or NotSupported)
            {
                return null;
            }

            throw new IOException($"the original's {name} could not be read ({new Win32Exception(errno).Message}).", errno);
        }

        var value = new byte[size];
        var read = (long)UnixNative.lgetxattr(pathBytes, nameBytes, value, (UIntPtr)value.Length);
        if (read < 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new IOException($"the original's {name} could not be read ({new Win32Exception(errno).Message}).", errno);
        }

        Array.Resize(ref value, (int)read);
        return value;
    }
}
