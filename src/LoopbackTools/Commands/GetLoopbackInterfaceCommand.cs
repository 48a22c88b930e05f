using System.Management.Automation;
using System.Threading.Tasks;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;

namespace LoopbackTools.Commands;

/// <summary>Shows the loopback interface(s): up or down, addresses (is ::1 there?), MTU.</summary>
[Cmdlet(VerbsCommon.Get, "LoopbackInterface")]
[OutputType(typeof(LoopbackInterface))]
public sealed class GetLoopbackInterfaceCommand : LoopbackCmdlet
{
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? NetworkNamespaceOf { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var interfaces = RunWithProgress((token, _) => Task.FromResult(LoopbackInterfaceReader.Read(NetworkNamespaceOf, token)));
            foreach (var loopback in interfaces)
            {
                WriteObject(loopback);
            }
        }
        catch (LoopbackToolsException e)
        {
            WriteLoopbackError(e);
        }
    }
}
