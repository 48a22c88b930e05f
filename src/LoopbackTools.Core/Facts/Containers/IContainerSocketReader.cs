using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Containers;

/// <summary>Reads which addresses listen on a TCP port inside a container's network namespace.</summary>
public interface IContainerSocketReader
{
    /// <param name="pid">A host pid of a process inside the container (State.Pid).</param>
    /// <param name="port">The container-side port.</param>
    Task<InsideListeners> FindTcpListenersAsync(int pid, int port, CancellationToken cancellationToken);
}
