using System.Collections.Generic;

namespace LoopbackTools.Listeners.MacOS;

/// <summary>
/// What the libproc walk over every process found, kept apart from libproc so it can be tested on byte buffers.
/// A socket inherited across fork() or dup() (nginx workers, node cluster, launchd socket activation) is held by
/// several descriptors, so sockets are deduplicated on their kernel handle (soi_so), keeping the lowest pid so the
/// owner does not depend on the order of the walk. Processes whose descriptors may not be listed are counted,
/// because their listeners are missing from the result rather than listed without an owner.
/// </summary>
internal sealed class MacListenerCollector
{
    /// <summary>errno EPERM: proc_pidinfo(PROC_PIDLISTFDS) on another user's process without root.</summary>
    public const int Eperm = 1;

    private readonly List<ListenerSocket> _sockets = new();
    private readonly Dictionary<long, ListenerSocket> _byHandle = new();

    /// <summary>Listening sockets, one per kernel socket, in the order first seen.</summary>
    public IReadOnlyList<ListenerSocket> Sockets => _sockets;

    /// <summary>Processes whose descriptors this user may not list.</summary>
    public int UnreadableProcesses { get; private set; }

    /// <summary>Why listeners may be missing, in one sentence; null when every process could be read.</summary>
    public string? UnreadableReason => UnreadableProcesses == 0
        ? null
        : "macOS shows another user's descriptors only to root, so listeners those processes hold may be missing; run with sudo to see every listener";

    /// <summary>
    /// proc_pidinfo(PROC_PIDLISTFDS) failed with this errno. Only EPERM hides listeners that exist: ESRCH means the
    /// process exited since it was listed, which loses nothing.
    /// </summary>
    public void DescriptorsUnreadable(int errno)
    {
        if (errno == Eperm)
        {
            UnreadableProcesses++;
        }
    }

    /// <summary>One proc_pidfdinfo(PROC_PIDFDSOCKETINFO) answer of <paramref name="length"/> bytes from this process.</summary>
    public void Add(byte[] info, int length, int processId)
    {
        if (SocketFdInfoParser.Parse(info, length, processId) is not ListenerSocket socket)
        {
            return;
        }

        if (socket.SocketId is not long handle)
        {
            _sockets.Add(socket);
        }
        else if (!_byHandle.TryGetValue(handle, out var known))
        {
            _byHandle.Add(handle, socket);
            _sockets.Add(socket);
        }
        else if (processId < known.ProcessId)
        {
            known.ProcessId = processId;
        }
    }
}
