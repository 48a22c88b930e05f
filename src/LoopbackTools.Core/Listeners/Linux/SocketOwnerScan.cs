using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// Finds which process holds each socket by walking /proc/&lt;pid&gt;/fd, whose links read "socket:[inode]".
/// Stops as soon as every wanted inode is attributed; skips processes that exit mid-scan; counts the
/// processes whose fd folder is hidden (EACCES for other users' processes when not root).
/// One getdents64 buffer and one readlinkat buffer serve the whole scan: no string per descriptor.
/// </summary>
internal sealed class SocketOwnerScan
{
    private static readonly byte[] SocketPrefix = { (byte)'s', (byte)'o', (byte)'c', (byte)'k', (byte)'e', (byte)'t', (byte)':', (byte)'[' };
    private readonly Dictionary<long, ListenerSocket> _wanted;
    private readonly byte[] _link = new byte[64];
    private readonly byte[] _name = new byte[32];
    private int _remaining;

    public SocketOwnerScan(IEnumerable<ListenerSocket> sockets)
    {
        _wanted = new Dictionary<long, ListenerSocket>();
        foreach (var socket in sockets)
        {
            if (socket.Inode is long inode && inode != 0 && socket.ProcessId is null)
            {
                _wanted[inode] = socket;
            }
        }

        _remaining = _wanted.Count;
    }

    /// <summary>Processes whose descriptors we were not allowed to read.</summary>
    public int DeniedProcesses { get; private set; }

    /// <summary>Attributes sockets to processes; sets <see cref="ListenerSocket.ProcessId"/>.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        if (_remaining == 0)
        {
            return;
        }

        if (DirectoryEntries.Available)
        {
            RunWithGetDents(cancellationToken);
        }
        else
        {
            RunWithDirectoryApi(cancellationToken);
        }
    }

    private void RunWithGetDents(CancellationToken cancellationToken)
    {
        var proc = LinuxNative.Open(LinuxNative.Path("/proc"), LinuxNative.ORdOnly | LinuxNative.ODirectory | LinuxNative.OCloexec);
        if (proc < 0)
        {
            throw ListenerErrors.SystemCallFailed("open(/proc)", Marshal.GetLastWin32Error());
        }

        try
        {
            var processes = new DirectoryEntries();
            var descriptors = new DirectoryEntries();
            processes.Reset(proc);
            while (_remaining > 0 && processes.MoveNextNumeric(out var offset, out var length))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pid = processes.ParseNumber(offset, length);
                if (pid > 0)
                {
                    ScanProcess((int)pid, descriptors);
                }
            }
        }
        finally
        {
            LinuxNative.Close(proc);
        }
    }

    private void ScanProcess(int pid, DirectoryEntries descriptors)
    {
        var fdDir = LinuxNative.Open(LinuxNative.Path("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/fd"), LinuxNative.ORdOnly | LinuxNative.ODirectory | LinuxNative.OCloexec);
        if (fdDir < 0)
        {
            if (Marshal.GetLastWin32Error() is LinuxNative.Eacces or LinuxNative.Eperm)
            {
                DeniedProcesses++;
            }

            return; // ENOENT: the process exited after /proc was listed
        }

        try
        {
            descriptors.Reset(fdDir);
            while (_remaining > 0 && descriptors.MoveNextNumeric(out var offset, out var length))
            {
                if (length >= _name.Length)
                {
                    continue;
                }

                descriptors.CopyName(offset, length, _name);
                var n = (int)(long)LinuxNative.ReadLinkAt(fdDir, _name, _link, (IntPtr)_link.Length);
                if (n > 0)
                {
                    Attribute(ParseSocketInode(_link, n), pid);
                }
            }
        }
        finally
        {
            LinuxNative.Close(fdDir);
        }
    }

    private void RunWithDirectoryApi(CancellationToken cancellationToken)
    {
        foreach (var processDir in Directory.EnumerateDirectories("/proc"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_remaining == 0)
            {
                return;
            }

            if (!int.TryParse(Path.GetFileName(processDir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(processDir + "/fd"))
                {
                    var n = (int)(long)LinuxNative.ReadLink(LinuxNative.Path(fd), _link, (IntPtr)_link.Length);
                    if (n > 0)
                    {
                        Attribute(ParseSocketInode(_link, n), pid);
                    }

                    if (_remaining == 0)
                    {
                        return;
                    }
                }
            }
            catch (UnauthorizedAccessException)
            {
                DeniedProcesses++;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or IOException)
            {
                // the process exited mid-scan
            }
        }
    }

    private void Attribute(long inode, int pid)
    {
        if (inode > 0 && _wanted.TryGetValue(inode, out var socket) && socket.ProcessId is null)
        {
            socket.ProcessId = pid; // the first holder wins: with inherited sockets that is the parent (lowest pid)
            _remaining--;
        }
    }

    /// <summary>The inode of a "socket:[12345]" link target, or -1 for any other link.</summary>
    public static long ParseSocketInode(byte[] link, int length)
    {
        if (length <= SocketPrefix.Length + 1 || link[length - 1] != (byte)']')
        {
            return -1;
        }

        for (var i = 0; i < SocketPrefix.Length; i++)
        {
            if (link[i] != SocketPrefix[i])
            {
                return -1;
            }
        }

        long inode = 0;
        for (var i = SocketPrefix.Length; i < length - 1; i++)
        {
            var digit = link[i] - (byte)'0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }

            inode = (inode * 10) + digit;
        }

        return inode;
    }
}
