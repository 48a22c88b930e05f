using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace LoopbackTools.Listeners.MacOS;

/// <summary>
/// libproc: proc_listpids(PROC_ALL_PIDS), then per process proc_pidinfo(PROC_PIDLISTFDS) for its descriptors
/// (struct proc_fdinfo: int32 proc_fd, uint32 proc_fdtype; PROX_FDTYPE_SOCKET = 2) and
/// proc_pidfdinfo(PROC_PIDFDSOCKETINFO) for each socket. Other users' processes answer only to root: proc_pidinfo
/// fails with EPERM for them, and <see cref="MacListenerCollector"/> counts them for the warning.
/// </summary>
internal static class MacListenerSource
{
    private const string LibProc = "/usr/lib/libproc.dylib";
    private const int ProcAllPids = 1;
    private const int ProcPidListFds = 1;
    private const int ProcPidFdSocketInfo = 3;
    private const int ProxFdTypeSocket = 2;

    public static MacListenerCollector Read(CancellationToken cancellationToken)
    {
        var found = new MacListenerCollector();

        // Room for a larger socket_fdinfo in a future macOS: the kernel refuses a buffer smaller than its struct
        // (ENOMEM, so every socket would silently vanish) and returns the size it filled; the parser reads the prefix.
        var info = new byte[4 * SocketFdInfoParser.Length];
        foreach (var pid in ListPids())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fds = ListFds(pid, found);
            for (var i = 0; i + 8 <= fds.Length; i += 8)
            {
                if (BitConverter.ToInt32(fds, i + 4) != ProxFdTypeSocket)
                {
                    continue;
                }

                var n = proc_pidfdinfo(pid, BitConverter.ToInt32(fds, i), ProcPidFdSocketInfo, info, info.Length);
                if (n > 0)
                {
                    found.Add(info, n, pid); // 0: the descriptor was closed since it was listed
                }
            }
        }

        return found;
    }

    public static ProcessOwner Describe(int processId)
    {
        var name = new byte[256];
        var n = proc_name(processId, name, name.Length);
        return new ProcessOwner(processId, n > 0 ? Encoding.UTF8.GetString(name, 0, n) : null, null, null);
    }

    private static int[] ListPids()
    {
        var count = proc_listpids(ProcAllPids, 0, null, 0);
        var buffer = new byte[Math.Max(count, 0) + (256 * 4)];
        var bytes = proc_listpids(ProcAllPids, 0, buffer, buffer.Length);
        var pids = new List<int>();
        for (var i = 0; i + 4 <= bytes; i += 4)
        {
            var pid = BitConverter.ToInt32(buffer, i);
            if (pid > 0)
            {
                pids.Add(pid);
            }
        }

        return pids.ToArray();
    }

    /// <summary>struct proc_fdinfo entries, or none when the process exited (ESRCH) or is not ours to read (EPERM, counted).</summary>
    private static byte[] ListFds(int pid, MacListenerCollector found)
    {
        var size = proc_pidinfo(pid, ProcPidListFds, 0, null, 0);
        if (size <= 0)
        {
            found.DescriptorsUnreadable(Marshal.GetLastWin32Error());
            return Array.Empty<byte>();
        }

        var buffer = new byte[size + (32 * 8)];
        var bytes = proc_pidinfo(pid, ProcPidListFds, 0, buffer, buffer.Length);
        if (bytes <= 0)
        {
            found.DescriptorsUnreadable(Marshal.GetLastWin32Error()); // 0 with errno 0: no descriptors at all
            return Array.Empty<byte>();
        }

        Array.Resize(ref buffer, bytes);
        return buffer;
    }

    [DllImport(LibProc)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int proc_listpids(int type, uint typeInfo, byte[]? buffer, int bufferSize);

    // SetLastError: libproc returns 0 on failure and leaves the reason (EPERM, ESRCH) in errno.
    [DllImport(LibProc, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int proc_pidinfo(int pid, int flavor, ulong arg, byte[]? buffer, int bufferSize);

    [DllImport(LibProc)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int proc_pidfdinfo(int pid, int fd, int flavor, byte[] buffer, int bufferSize);

    [DllImport(LibProc)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int proc_name(int pid, byte[] buffer, int bufferSize);
}
