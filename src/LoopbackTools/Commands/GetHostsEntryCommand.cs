using System.Management.Automation;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands;

/// <summary>Get-HostsEntry: the hosts file as typed entries. All parsing and filtering is in Core (HostsDocument, HostsQuery).</summary>
[Cmdlet(VerbsCommon.Get, "HostsEntry")]
[OutputType(typeof(HostsEntry))]
public sealed class GetHostsEntryCommand : LoopbackCmdlet
{
    // One read per file per invocation, so piping entries back in neither re-reads nor re-warns.
    private readonly HostsDocumentCache _documents = new();

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("LiteralPath")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? HostName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Address { get; set; }

    [Parameter]
    public SwitchParameter IncludeDisabled { get; set; }

    [Parameter]
    public SwitchParameter Loopback { get; set; }

    [Parameter]
    public SwitchParameter Strict { get; set; }

    protected override void ProcessRecord()
    {
        HostsQuery query;
        try
        {
            query = new HostsQuery(HostName, Address, IncludeDisabled.IsPresent, Loopback.IsPresent);
        }
        catch (LoopbackToolsException e)
        {
            ThrowLoopbackError(e);
            return;
        }

        foreach (var path in Path ?? new[] { HostsPaths.Default })
        {
            var document = Open(path);
            if (document is not null)
            {
                WriteObject(query.Select(document), true);
            }
        }
    }

    private HostsDocument? Open(string path)
    {
        var document = _documents.Open(this, path, WriteLoopbackError, out var isNew);
        if (document is not null && isNew)
        {
            ReportProblems(document);
        }

        return document;
    }

    private void ReportProblems(HostsDocument document)
    {
        foreach (var problem in document.Problems)
        {
            if (Strict.IsPresent && problem.Kind == HostsProblemKind.Malformed)
            {
                WriteLoopbackError(HostsErrors.MalformedLine(problem));
            }
            else
            {
                WriteWarning(problem.ToString());
            }
        }
    }
}
