using System.Collections.Generic;
using System.Threading;
using LoopbackTools.Addressing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;

namespace LoopbackTools.Resolution;

/// <summary>The port matrix's listener table from Core/Listeners (netlink or /proc on Linux, iphlpapi, libproc).</summary>
internal sealed class ScannerListenerLookup : IListenerLookup
{
    public IReadOnlyList<ListenerBinding>? Find(int port, CancellationToken cancellationToken)
    {
        ListenerScanResult scan;
        try
        {
            scan = ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false }, cancellationToken);
        }
        catch (LoopbackToolsException)
        {
            return null; // unsupported platform or unreadable table: the matrix still judges from connections
        }

        var bindings = new List<ListenerBinding>();
        foreach (var listener in scan.Listeners)
        {
            if (listener.Protocol == ListenerProtocol.Tcp && listener.Port == port && AddressClassifier.TryParse(listener.LocalAddress, out var address))
            {
                bindings.Add(new ListenerBinding(address!, listener.Port, listener.IsDualStack, listener.ProcessId, listener.Process ?? string.Empty));
            }
        }

        return bindings;
    }
}
