using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// Finds which process holds each socket by walking /proc/&lt;pid&gt;/fd, whose links read "socket:[inode]".
/// Stops as soon as every wanted inode is attributed; skips processes that exit mid-scan; counts the
/// processes whose fd folder is hidden (EACCES for other users' processes when not root).
/// getdents64 and readlinkat into reused buffers (one set per worker): no string per descriptor.
/// </summary>
internal sealed class SocketOwnerScan
{
    private static readonly byte[] SocketPrefix = { (byte)'s', (byte)'o', (byte)'c', (byte)'k', (byte)'e', (byte)'t', (byte)':', (byte)'[' };
    /// <summary>Below this many wanted sockets one thread is faster than starting workers.</summary>
    private const int ParallelThreshold = 512;
    private readonly Dictionary<long, ListenerSocket> _wanted;
    private readonly object _gate = new();
    private readonly byte[] _link = new byte[64];
    private int _remaining;
    private int _deniedProcesses;

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

    /// <summary>Upper bound on worker threads for large scans.</summary>
    internal int MaxWorkers { get; set; } = Math.Min(Environment.ProcessorCount, 4);

    /// <summary>Processes whose descriptors we were not allowed to read.</summary>
    public int DeniedProcesses => Volatile.Read(ref _deniedProcesses);

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
        var pids = ListProcesses();

        // Reading descriptor links is all system calls: with many sockets, split processes across cores.
        var workers = _remaining >= ParallelThreshold ? Math.Min(MaxWorkers, pids.Count) : 1;
        var next = -1;
        void Work()
        {
            var descriptors = new DirectoryEntries();
            var name = new byte[32];
            var link = new byte[64];
            int i;
            while (Volatile.Read(ref _remaining) > 0 && (i = Interlocked.Increment(ref next)) < pids.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScanProcess(pids[i], descriptors, name, link);
            }
        }

        if (workers <= 1)
        {
            Work();
            return;
        }

        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            tasks[w] = Task.Factory.StartNew(Work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    private static List<int> ListProcesses()
    {
        var proc = LinuxNative.Open(LinuxNative.Path("/proc"), LinuxNative.ORdOnly | LinuxNative.ODirectory | LinuxNative.OCloexec);
        if (proc < 0)
        {
            throw ListenerErrors.SystemCallFailed("open(/proc)", Marshal.GetLastWin32Error());
        }

        try
        {
            var pids = new List<int>();
            var entries = new DirectoryEntries();
            entries.Reset(proc);
            while (entries.MoveNextNumeric(out var offset, out var length))
            {
                var pid = entries.ParseNumber(offset, length);
                if (pid > 0 && pid <= int.MaxValue)
                {
                    pids.Add((int)pid);
                }
            }

            return pids;
        }
        finally
        {
            LinuxNative.Close(proc);
        }
    }

    private void ScanProcess(int pid, DirectoryEntries descriptors, byte[] name, byte[] link)
    {
        var fdDir = LinuxNative.Open(LinuxNative.Path("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/fd"), LinuxNative.ORdOnly | LinuxNative.ODirectory | LinuxNative.OCloexec);
        if (fdDir < 0)
        {
            if (Marshal.GetLastWin32Error() is LinuxNative.Eacces or LinuxNative.Eperm)
            {
                Interlocked.Increment(ref _deniedProcesses);
            }

            return; // ENOENT: the process exited after /proc was listed
        }

        try
        {
            descriptors.Reset(fdDir);
            while (Volatile.Read(ref _remaining) > 0 && descriptors.MoveNextNumeric(out var offset, out var length))
            {
                if (length >= name.Length)
                {
                    continue;
                }

                descriptors.CopyName(offset, length, name);
                var n = (int)(long)LinuxNative.ReadLinkAt(fdDir, name, link, (IntPtr)link.Length);
                if (n > 0)
                {
                    Attribute(ParseSocketInode(link, n), pid);
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
                _deniedProcesses++;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or IOException)
            {
                // the process exited mid-scan
            }
        }
    }

    private void Attribute(long inode, int pid)
    {
        if (inode <= 0 || !_wanted.TryGetValue(inode, out var socket))
        {
            return; // the dictionary is only read once the scan starts: safe from several workers
        }

        lock (_gate)
        {
            // Sockets inherited across fork have several holders; keep the lowest pid (usually the parent).
            if (socket.ProcessId is null)
            {
                socket.ProcessId = pid;
                _remaining--;
            }
            else if (pid < socket.ProcessId)
            {
                socket.ProcessId = pid;
            }
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
