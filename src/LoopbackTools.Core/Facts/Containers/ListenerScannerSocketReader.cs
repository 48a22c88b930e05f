using System.Globalization;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;

namespace LoopbackTools.Containers;

/// <summary>
/// Reads a container's listening TCP sockets from the host with Core/Listeners, entering the network
/// namespace of the container's init process (State.Pid), so the same code serves Get-LoopbackListener.
/// </summary>
internal sealed class ListenerScannerSocketReader : IContainerSocketReader
{
    public Task<InsideListeners> FindTcpListenersAsync(int pid, int port, CancellationToken cancellationToken)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return Task.FromResult(InsideListeners.Unknown("the container's sockets can only be read on Linux (here the engine runs in a VM)"));
        }

        if (pid <= 0)
        {
            return Task.FromResult(InsideListeners.Unknown("the engine reported no process for the container"));
        }

        var options = new ListenerScanOptions
        {
            NetworkNamespaceOf = pid,
            IncludeUdp = false,
            ResolveOwners = false,
        };
        try
        {
            var scan = ListenerScanner.Scan(options, cancellationToken);
            // Every TCP listener of the namespace (a container holds a handful): the port's, and where else the app listens.
            var addresses = scan.Listeners.Where(l => l.Port == port).Select(l => IPAddress.Parse(l.LocalAddress)).Distinct().ToList();
            var others = scan.Listeners.Where(l => l.Port != port && l.BindScope != BindScope.Loopback).Select(l => l.Port).Distinct().OrderBy(p => p).ToList();
            return Task.FromResult(InsideListeners.Known(addresses, others));
        }
        catch (LoopbackToolsException e) when (e.Kind is ErrorKind.ObjectNotFound)
        {
            return Task.FromResult(InsideListeners.Unknown($"process {pid.ToString(CultureInfo.InvariantCulture)} is gone: the container just stopped"));
        }
        catch (LoopbackToolsException e)
        {
            return Task.FromResult(InsideListeners.Unknown($"cannot read the sockets of process {pid.ToString(CultureInfo.InvariantCulture)}: {e.Message}"));
        }
    }
}
