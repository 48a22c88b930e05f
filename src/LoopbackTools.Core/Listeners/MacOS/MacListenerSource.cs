using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace LoopbackTools.Listeners.MacOS;

/// <summary>
/// libproc: proc_listpids(PROC_ALL_PIDS), then per process proc_pidinfo(PROC_PIDLISTFDS) for its descriptors
/// (struct proc_fdinfo: int32 proc_fd, uint32 proc_fdtype; PROX_FDTYPE_SOCKET = 2) and
/// proc_pidfdinfo(PROC_PIDFDSOCKETINFO) for each socket. Other users' processes answer only to root.
/// </summary>
internal static class MacListenerSource
{
    private const string LibProc = "/usr/lib/libproc.dylib";
    private const int ProcAllPids = 1;
    private const int ProcPidListFds = 1;
    private const int ProcPidFdSocketInfo = 3;
    private const int ProxFdTypeSocket = 2;

    public static List<ListenerSocket> Read(ListenerScanOptions options, CancellationToken cancellationToken)
    {
        var sockets = new List<ListenerSocket>();
        var info = new byte[SocketFdInfoParser.Length];
        foreach (var pid in ListPids())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fds = ListFds(pid);
            for (var i = 0; i + 8 <= fds.Length; i += 8)
            {
                if (BitConverter.ToInt32(fds, i + 4) != ProxFdTypeSocket)
                {
                    continue;
                }

                var n = proc_pidfdinfo(pid, BitConverter.ToInt32(fds, i), ProcPidFdSocketInfo, info, info.Length);
                if (n == info.Length && SocketFdInfoParser.Parse(info, n, pid) is ListenerSocket socket
                    && (options.IncludeTcp || socket.Protocol != ListenerProtocol.Tcp)
                    && (options.IncludeUdp || socket.Protocol != ListenerProtocol.Udp))
                {
                    sockets.Add(socket);
                }
            }
        }

        return sockets;
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

    private static byte[] ListFds(int pid)
    {
        var size = proc_pidinfo(pid, ProcPidListFds, 0, null, 0);
        if (size <= 0)
        {
            return Array.Empty<byte>(); // exited, or not ours to read
        }

        var buffer = new byte[size + (32 * 8)];
        var bytes = proc_pidinfo(pid, ProcPidListFds, 0, buffer, buffer.Length);
        if (bytes <= 0)
        {
            return Array.Empty<byte>();
        }

        Array.Resize(ref buffer, bytes);
        return buffer;
    }

    [DllImport(LibProc)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int proc_listpids(int type, uint typeInfo, byte[]? buffer, int bufferSize);

    [DllImport(LibProc)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int proc_pidinfo(int pid, int flavor, ulong arg, byte[]? buffer, int bufferSize);

    [DllImport(LibProc)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int proc_pidfdinfo(int pid, int fd, int flavor, byte[] buffer, int bufferSize);

    [DllImport(LibProc)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int proc_name(int pid, byte[] buffer, int bufferSize);
}
