using System.Management.Automation;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands;

/// <summary>Set-HostsEntry: changes address, aliases or comment, or switches lines off and on; the logic is in Core (HostsEditor).</summary>
[Cmdlet(VerbsCommon.Set, "HostsEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(HostsEntry))]
public sealed class SetHostsEntryCommand : HostsLineEditCmdlet
{
    private HostsEntryUpdate? _update;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HostNameCompleter))]
    public string? HostName { get; set; }

    [Parameter]
    [Alias("Address")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HostsAddressCompleter))]
    public string? IPAddress { get; set; }

    /// <summary>Moves the whole line to -IPAddress, as before issue 31; without it only the names asked for move.</summary>
    [Parameter]
    public SwitchParameter WholeLine { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    public string[]? Alias { get; set; }

    [Parameter]
    [AllowEmptyString]
    public string? Comment { get; set; }

    [Parameter]
    public SwitchParameter Enable { get; set; }

    [Parameter]
    public SwitchParameter Disable { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            _update = new HostsEntryUpdate(IPAddress, Alias, Comment, Enable.IsPresent, Disable.IsPresent);
        }
        catch (LoopbackToolsException e)
        {
            ThrowLoopbackError(e);
        }
    }

    protected override void ProcessRecord() => Plan(editor =>
    {
        if (LineNumber > 0)
        {
            editor.SetLine(LineNumber, HostName!, _update!);
        }
        else
        {
            editor.Set(HostName!, _update!, WholeLine.IsPresent);
        }
    });
}
