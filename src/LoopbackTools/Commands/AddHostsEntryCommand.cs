using LoopbackTools.Commands.Completion;
using System.Management.Automation;
using LoopbackTools.Commands.Plumbing;

namespace LoopbackTools.Commands;

/// <summary>Add-HostsEntry: appends one line per record, every -HostName (then every -Alias) on it in order; all checks, formatting and the safe write are in Core (HostsEditor, HostsFileWriter).</summary>
[Cmdlet(VerbsCommon.Add, "HostsEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(HostsEntry))]
public sealed class AddHostsEntryCommand : HostsEditCmdlet
{
    // IPAddress, as the property of a piped HostsEntry (not "Address", which System.Array's Address method shadows); -Address as an alias.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Address")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HostsAddressCompleter))]
    public string? IPAddress { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? HostName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Aliases")]
    public string[]? Alias { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Comment { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord() => Plan(editor => editor.Add(IPAddress!, HostName!, Alias, Comment, Force.IsPresent));
}
