using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace LoopbackTools.Hosts;

/// <summary>
/// The one backup of a Unix hosts file, made so that a failed write never replaces an older backup: the copy is
/// staged under a temporary name beside the backup (<c>.hosts.bak.&lt;random&gt;.tmp</c>, which the next writer
/// removes as stale if this one dies) and renamed over the backup only by <see cref="Commit"/>.
/// A hard link to the old inode where possible (it keeps mode, owner, label and ACL); a copy otherwise
/// (another file system, or a file that is a mount point, which link(2) refuses with EXDEV).
/// </summary>
internal sealed class HostsBackup
{
    private readonly string _path;
    private string? _staged;
    private string? _previousAside;

    private HostsBackup(string path, string staged)
    {
        _path = path;
        _staged = staged;
    }

    /// <summary>Stages a backup of <paramref name="target"/>, whose bytes are <paramref name="original"/> (read under the lock).</summary>
    public static HostsBackup Stage(string target, byte[] original, string backupPath, bool copy)
    {
        var staged = HostsFileWriter.TemporaryName(backupPath);
        if (copy || UnixNative.link(UnixNative.PathBytes(target), UnixNative.PathBytes(staged)) != 0)
        {
            using var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            try
            {
                UnixFileMetadata.Read(target).ApplyTo(stream.SafeFileHandle);
                UnixSecurityAttributes.Copy(target, stream.SafeFileHandle);
                stream.Write(original, 0, original.Length);
                stream.Flush(true);
            }
            catch
            {
                stream.Dispose();
                File.Delete(staged);
                throw;
            }
        }

        return new HostsBackup(backupPath, staged);
    }

    /// <summary>
    /// Puts the staged copy in place. <paramref name="keepPrevious"/>: the older backup is kept aside (a hard link) so
    /// <see cref="Revert"/> can bring it back when the write that follows fails.
    /// </summary>
    public void Commit(bool keepPrevious = false)
    {
        if (_staged is null)
        {
            return;
        }

        if (keepPrevious && File.Exists(_path))
        {
            var aside = HostsFileWriter.TemporaryName(_path);
            _previousAside = UnixNative.link(UnixNative.PathBytes(_path), UnixNative.PathBytes(aside)) == 0 ? aside : null;
        }

        Rename(_staged, _path);
        _staged = null;
    }

    /// <summary>The write failed after <see cref="Commit"/>: the older backup returns (or, if there was none, this one goes).</summary>
    public void Revert()
    {
        if (_previousAside is not null)
        {
            Rename(_previousAside, _path);
            _previousAside = null;
        }
    }

    /// <summary>The write is done, or failed before Commit: drop what was staged or kept aside.</summary>
    public void Discard()
    {
        HostsFileWriter.TryDelete(_staged);
        HostsFileWriter.TryDelete(_previousAside);
        _staged = null;
        _previousAside = null;
    }

    internal static void Rename(string from, string to)
    {
        if (UnixNative.rename(UnixNative.PathBytes(from), UnixNative.PathBytes(to)) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new IOException($"'{from}' could not be renamed to '{to}' ({new Win32Exception(errno).Message}).", errno);
        }
    }
}
