using System.Management.Automation;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>Set- and Remove-HostsEntry: edits that can target the line of an entry piped from Get-HostsEntry (LineNumber binds by property name, Path in the base class).</summary>
public abstract class HostsLineEditCmdlet : HostsEditCmdlet
{
    /// <summary>0: every line that matches; otherwise the one line a piped entry came from.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int LineNumber { get; set; }
}
