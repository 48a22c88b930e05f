using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands;

/// <summary>Remove-HostsEntry: removes names, whole lines by address, or piped entries' lines; the logic is in Core (HostsEditor).</summary>
[Cmdlet(VerbsCommon.Remove, "HostsEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(HostsEntry))]
public sealed class RemoveHostsEntryCommand : HostsLineEditCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HostNameCompleter))]
    public string? HostName { get; set; }

    [Parameter]
    [Alias("Address")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HostsAddressCompleter))]
    public string? IPAddress { get; set; }

    /// <summary>Removed lines as they were, then lines that only lost some names, as they are now.</summary>
    protected override IEnumerable<HostsEntry> PassThruEntries(HostsEditResult result) => result.RemovedEntries.Concat(result.Entries);

    protected override void ProcessRecord() => Plan(editor =>
    {
        if (LineNumber > 0 && !string.IsNullOrEmpty(HostName))
        {
            editor.RemoveLine(LineNumber, HostName!);
        }
        else
        {
            editor.Remove(HostName, IPAddress);
        }
    });
}
