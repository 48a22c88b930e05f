using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// Finds which process holds each socket by walking /proc/&lt;pid&gt;/fd, whose links read "socket:[inode]".
/// The cost is kernel time, about 5 µs per descriptor link here, so the scan
/// - can <see cref="Start"/> before the wanted sockets are known (while the netlink dump runs): links read
///   early are remembered and matched once <see cref="Publish"/> names the wanted sockets;
/// - uses every core: processes are shared out, and a process with thousands of descriptors is split into
///   chunks (<see cref="DescriptorChunk"/>) that idle workers take over;
/// - stops as soon as every wanted inode is attributed; skips processes that exit mid-scan; counts the processes
///   whose fd folder is hidden (EACCES for other users' processes when not root);
/// - reads with getdents64 and readlinkat into reused buffers: no string per descriptor.
/// </summary>
internal sealed class SocketOwnerScan : IDisposable
{
    private static readonly byte[] SocketPrefix = { (byte)'s', (byte)'o', (byte)'c', (byte)'k', (byte)'e', (byte)'t', (byte)':', (byte)'[' };

    /// <summary>Descriptors per shared chunk: about 5 ms of kernel time, small enough to balance two cores.</summary>
    private const int ChunkSize = 1024;

    /// <summary>Below this many wanted sockets (known before starting) one thread is faster than starting workers.</summary>
    private const int ParallelThreshold = 512;

    private readonly object _gate = new();
    private readonly ConcurrentStack<DescriptorChunk> _chunks = new();
    private readonly List<List<(long Inode, int Pid)>> _early = new();
    private Dictionary<long, ListenerSocket>? _wanted;
    private List<int> _pids = new();
    private Task[] _workers = Array.Empty<Task>();
    private CancellationToken _cancellation;
    private int _next = -1;
    private int _remaining = int.MaxValue;
    private int _deniedProcesses;
    private bool _stopped;
    private bool _started;

    /// <summary>A scan that will learn its wanted sockets later, through <see cref="Publish"/>.</summary>
    public SocketOwnerScan()
    {
    }

    /// <summary>A scan for these sockets (those without an owner yet).</summary>
    public SocketOwnerScan(IEnumerable<ListenerSocket> sockets) => Publish(sockets);

    /// <summary>Upper bound on threads (the caller's included) for large scans.</summary>
    internal int MaxWorkers { get; set; } = Math.Min(Environment.ProcessorCount, 8);

    /// <summary>Processes whose descriptors we were not allowed to read.</summary>
    public int DeniedProcesses => Volatile.Read(ref _deniedProcesses);

    private bool Finished => Volatile.Read(ref _stopped) || Volatile.Read(ref _remaining) <= 0;

    /// <summary>Starts, then waits for, the scan of the sockets given to the constructor; sets <see cref="ListenerSocket.ProcessId"/>.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        Start(cancellationToken);
        Wait();
    }

    /// <summary>
    /// Lists the processes and starts background workers (all cores but the caller's, which
    /// <see cref="Wait"/> adds). Before <see cref="Publish"/> they remember every socket link they read.
    /// </summary>
    public void Start(CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException("The owner scan was already started.");
        }

        _started = true;
        _cancellation = cancellationToken;
        if (!DirectoryEntries.Available || Finished)
        {
            return; // nothing wanted, or no getdents64: Wait does it all with the Directory API
        }

        _pids = ListProcesses();
        var known = Volatile.Read(ref _wanted);
        var threads = known is not null && known.Count < ParallelThreshold ? 1 : Math.Max(1, Math.Min(MaxWorkers, _pids.Count));
        for (var i = 0; i < threads; i++)
        {
            _early.Add(new List<(long, int)>());
        }

        _workers = new Task[threads - 1];
        for (var w = 0; w < _workers.Length; w++)
        {
            var early = _early[w + 1];
            _workers[w] = Task.Factory.StartNew(() => Work(early), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Names the sockets to attribute (those without an owner yet). Safe while workers run.</summary>
    public void Publish(IEnumerable<ListenerSocket> sockets)
    {
        var wanted = new Dictionary<long, ListenerSocket>();
        foreach (var socket in sockets)
        {
            if (socket.SocketId is long inode && inode != 0 && socket.ProcessId is null)
            {
                wanted[inode] = socket;
            }
        }

        lock (_gate)
        {
            _remaining = wanted.Count; // no worker attributes before _wanted is visible, so this cannot race
        }

        Volatile.Write(ref _wanted, wanted);
    }

    /// <summary>Joins the scan on the calling thread, waits for the workers, then matches what was read early.</summary>
    public void Wait()
    {
        if (Volatile.Read(ref _wanted) is null)
        {
            throw new InvalidOperationException("Publish the wanted sockets before waiting for their owners.");
        }

        if (!DirectoryEntries.Available)
        {
            RunWithDirectoryApi(_cancellation);
            return;
        }

        if (_early.Count > 0)
        {
            Work(_early[0]);
        }

        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }

        _cancellation.ThrowIfCancellationRequested();
        foreach (var early in _early)
        {
            Drain(early);
        }
    }

    /// <summary>Stops the workers (e.g. when the socket listing failed) and waits for them to leave.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _stopped, true);
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException)
        {
            // the scan is being abandoned: its errors no longer matter
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

    /// <summary>Writes a descriptor number as NUL-terminated ASCII (the name readlinkat wants).</summary>
    internal static void FormatName(int number, byte[] name)
    {
        var digits = 1;
        for (var rest = number / 10; rest > 0; rest /= 10)
        {
            digits++;
        }

        name[digits] = 0;
        for (var i = digits - 1; i >= 0; i--)
        {
            name[i] = (byte)('0' + (number % 10));
            number /= 10;
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

    private static int OpenDescriptors(int pid) =>
        LinuxNative.Open(LinuxNative.Path("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/fd"), LinuxNative.ORdOnly | LinuxNative.ODirectory | LinuxNative.OCloexec);

    /// <summary>One worker: shared chunks of big processes first, then the next unscanned process.</summary>
    private void Work(List<(long Inode, int Pid)> early)
    {
        var entries = new DirectoryEntries();
        var numbers = new List<int>();
        var name = new byte[16];
        var link = new byte[64];
        while (!Finished)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (_chunks.TryPop(out var chunk))
            {
                var fdDir = OpenDescriptors(chunk.ProcessId);
                if (fdDir >= 0)
                {
                    ReadLinks(fdDir, chunk.ProcessId, chunk.Descriptors, chunk.Start, chunk.Count, name, link, early);
                    LinuxNative.Close(fdDir);
                }

                continue; // a failure here means the process exited (its listing succeeded moments ago)
            }

            var i = Interlocked.Increment(ref _next);
            if (i >= _pids.Count)
            {
                return;
            }

            ScanProcess(_pids[i], entries, numbers, name, link, early);
        }
    }

    private void ScanProcess(int pid, DirectoryEntries entries, List<int> numbers, byte[] name, byte[] link, List<(long Inode, int Pid)> early)
    {
        var fdDir = OpenDescriptors(pid);
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
            numbers.Clear();
            entries.Reset(fdDir);
            while (entries.MoveNextNumeric(out var offset, out var length))
            {
                var number = entries.ParseNumber(offset, length);
                if (number >= 0 && number <= int.MaxValue)
                {
                    numbers.Add((int)number);
                }
            }

            var descriptors = numbers.ToArray();
            var own = descriptors.Length;
            if (own > 2 * ChunkSize && _early.Count > 1)
            {
                // Keep the first chunk, share the rest with whichever workers are idle.
                for (var start = ChunkSize; start < descriptors.Length; start += ChunkSize)
                {
                    _chunks.Push(new DescriptorChunk(pid, descriptors, start, Math.Min(ChunkSize, descriptors.Length - start)));
                }

                own = ChunkSize;
            }

            ReadLinks(fdDir, pid, descriptors, 0, own, name, link, early);
        }
        finally
        {
            LinuxNative.Close(fdDir);
        }
    }

    private void ReadLinks(int fdDir, int pid, int[] descriptors, int start, int count, byte[] name, byte[] link, List<(long Inode, int Pid)> early)
    {
        for (var i = start; i < start + count && !Finished; i++)
        {
            FormatName(descriptors[i], name);
            var n = (int)(long)LinuxNative.ReadLinkAt(fdDir, name, link, (IntPtr)link.Length);
            var inode = n > 0 ? ParseSocketInode(link, n) : -1;
            if (inode > 0)
            {
                Record(inode, pid, early);
            }
        }
    }

    /// <summary>Attributes a socket link, or remembers it while the wanted sockets are not yet known.</summary>
    private void Record(long inode, int pid, List<(long Inode, int Pid)> early)
    {
        if (Volatile.Read(ref _wanted) is null)
        {
            early.Add((inode, pid)); // each worker owns its list: no lock needed
            return;
        }

        Drain(early);
        Attribute(inode, pid);
    }

    private void Drain(List<(long Inode, int Pid)> early)
    {
        foreach (var (inode, pid) in early)
        {
            Attribute(inode, pid);
        }

        early.Clear();
    }

    private void RunWithDirectoryApi(CancellationToken cancellationToken)
    {
        var link = new byte[64];
        foreach (var processDir in Directory.EnumerateDirectories("/proc"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Finished)
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
                    var n = (int)(long)LinuxNative.ReadLink(LinuxNative.Path(fd), link, (IntPtr)link.Length);
                    if (n > 0)
                    {
                        Attribute(ParseSocketInode(link, n), pid);
                    }

                    if (Finished)
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
        var wanted = Volatile.Read(ref _wanted);
        if (inode <= 0 || wanted is null || !wanted.TryGetValue(inode, out var socket))
        {
            return; // the dictionary is only read once published: safe from several workers
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
}
