using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using System.Threading.Tasks;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;

namespace LoopbackTools.Commands;

/// <summary>Lists listening sockets with where they are bound and which process holds them.</summary>
[Cmdlet(VerbsCommon.Get, "LoopbackListener")]
[OutputType(typeof(LoopbackListener))]
public sealed class GetLoopbackListenerCommand : LoopbackCmdlet
{
    private bool _warned;
    private bool _warnedUnreadable;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPort")]
    [ValidateRange(0, 65535)]
    [ArgumentCompleter(typeof(AnyListeningPortCompleter))]
    public int[]? Port { get; set; }

    [Parameter]
    public ListenerProtocol[]? Protocol { get; set; }

    [Parameter]
    // Listeners are IPv4 or IPv6: the set completes these two, not every AddressFamily value (AppleTalk, Atm...).
    [ValidateSet(nameof(System.Net.Sockets.AddressFamily.InterNetwork), nameof(System.Net.Sockets.AddressFamily.InterNetworkV6))]
    public AddressFamily? AddressFamily { get; set; }

    [Parameter]
    public BindScope[]? BindScope { get; set; }

    [Parameter]
    public SwitchParameter Exposed { get; set; }

    // By property name so that Get-Process objects (Id) and Get-NetTCPConnection rows (OwningProcess) bind.
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("OwningProcess", "Id")]
    public int[]? ProcessId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ProcessNameCompleter))]
    public string[]? ProcessName { get; set; }

    [Parameter]
    public SwitchParameter NoProcess { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? NetworkNamespaceOf { get; set; }

    protected override void ProcessRecord()
    {
        var options = new ListenerScanOptions
        {
            Ports = Port,
            IncludeTcp = Protocol is null || Protocol.Contains(ListenerProtocol.Tcp),
            IncludeUdp = Protocol is null || Protocol.Contains(ListenerProtocol.Udp),
            AddressFamily = AddressFamily,
            BindScopes = BindScope,
            ExposedOnly = Exposed.IsPresent,
            ResolveOwners = !NoProcess.IsPresent,
            ProcessIds = ProcessId,
            ProcessNames = ProcessName,
            NetworkNamespaceOf = NetworkNamespaceOf,
        };

        ListenerScanResult result;
        var watch = Stopwatch.StartNew();
        try
        {
            result = RunWithProgress((token, _) => Task.FromResult(ListenerScanner.Scan(options, token)));
        }
        catch (LoopbackToolsException e)
        {
            WriteLoopbackError(e);
            return;
        }

        WriteVerbose($"Socket table read from {result.Source} in {watch.ElapsedMilliseconds} ms: {result.Listeners.Count} listener(s) after filters, {result.UnattributedCount} without an owner.");
        if (result.UnattributedCount > 0 && !_warned)
        {
            _warned = true;
            WriteWarning($"{result.UnattributedCount} socket(s) could not be attributed to a process: {result.UnattributedReason}.");
        }

        if (result.UnreadableProcessCount > 0 && !_warnedUnreadable)
        {
            _warnedUnreadable = true;
            WriteWarning($"{result.UnreadableProcessCount} process(es) could not be read: {result.UnreadableProcessReason}.");
        }

        foreach (var listener in result.Listeners)
        {
            WriteObject(listener);
        }
    }
}
