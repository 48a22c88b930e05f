using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LoopbackTools.Hosts;

/// <summary>
/// Rewrites a hosts file that is a mount point (Docker, podman and Kubernetes bind-mount /etc/hosts), where
/// rename(2) fails with EBUSY: opened without following links, written from offset 0, truncated, fsynced.
/// Not atomic: a reader can see a mix for the microseconds of the write, and a writer killed mid-write leaves
/// part of the edit (the backup, made before, holds the original). If the write fails, the original bytes are
/// written back from memory and the error says whether that worked.
/// </summary>
internal static class HostsInPlaceWriter
{
    /// <summary>Opens the file for the rewrite; failing here changes nothing.</summary>
    public static FileStream Open(string target)
    {
        var fd = UnixNative.open(UnixNative.PathBytes(target), UnixNative.WriteOnly | UnixNative.NoFollow | UnixNative.CloseOnExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastWin32Error();
            if (errno is UnixNative.ErrorAccess or UnixNative.ErrorNotPermitted)
            {
                throw new UnauthorizedAccessException($"Access to '{target}' is denied.");
            }

            throw new IOException($"'{target}' could not be opened for writing ({new System.ComponentModel.Win32Exception(errno).Message}).", errno);
        }

        return new FileStream(new SafeFileHandle((IntPtr)fd, true), FileAccess.Write, 1);
    }

    /// <summary>Writes <paramref name="content"/> over the open file, which holds <paramref name="original"/>.</summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.WriteFailed (the original is back) or Hosts.WriteIncomplete.</exception>
    public static void Write(FileStream stream, string displayPath, byte[] original, byte[] content, string? backupPath)
    {
        try
        {
            Put(stream, content);
        }
        catch (IOException failure)
        {
            try
            {
                Put(stream, original);
            }
            catch (IOException restoreFailure)
            {
                throw HostsErrors.WriteIncomplete(displayPath, failure.Message + "; then " + restoreFailure.Message, backupPath, failure);
            }

            throw HostsErrors.WriteFailed(
                displayPath,
                $"rewriting it in place (it is a mount point) failed: {failure.Message}",
                failure,
                $"Its original {original.Length:N0} bytes were written back, so it holds what it held before.");
        }
    }

    private static void Put(FileStream stream, byte[] bytes)
    {
        stream.Position = 0;
        stream.Write(bytes, 0, bytes.Length);
        stream.SetLength(bytes.Length);
        stream.Flush(true);
    }
}
