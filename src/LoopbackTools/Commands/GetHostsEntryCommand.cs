using System.Linq;
using System.Management.Automation;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands;

/// <summary>Get-HostsEntry: the hosts file as typed entries. All parsing and filtering is in Core (HostsDocument, HostsQuery).</summary>
[Cmdlet(VerbsCommon.Get, "HostsEntry", DefaultParameterSetName = PathSet)]
[OutputType(typeof(HostsEntry))]
public sealed class GetHostsEntryCommand : LoopbackCmdlet
{
    // One read per file per invocation, so piping entries back in neither re-reads nor re-warns.
    private readonly HostsDocumentCache _documents = new();

    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HostNameCompleter))]
    public string[]? HostName { get; set; }

    // Path and LiteralPath as Import-PowerShellDataFile has them; a piped HostsEntry binds its Path here.
    [Parameter(ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    [Parameter]
    [Alias("Address")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HostsAddressCompleter))]
    public string[]? IPAddress { get; set; }

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
            query = new HostsQuery(HostName, IPAddress, IncludeDisabled.IsPresent, Loopback.IsPresent);
        }
        catch (LoopbackToolsException e)
        {
            ThrowLoopbackError(e);
            return;
        }

        foreach (var path in FileSystemPaths.Expand(this, LiteralPath ?? Path, literal: LiteralPath is not null, WriteLoopbackError))
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

    /// <summary>-Verbose given, or $VerbosePreference asking for verbose output.</summary>
    private bool IsVerbose() =>
        (MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose) && verbose is SwitchParameter { IsPresent: true })
        || GetVariableValue("VerbosePreference") is ActionPreference.Continue or ActionPreference.Inquire or ActionPreference.Stop;

    private void ReportProblems(HostsDocument document)
    {
        // The first warnings, then their count (HostsProblemWarnings); -Strict and -Verbose list every one.
        var all = Strict.IsPresent || IsVerbose();
        var warned = 0;
        foreach (var problem in document.Problems)
        {
            if (Strict.IsPresent && problem.Kind == HostsProblemKind.Malformed)
            {
                WriteLoopbackError(HostsErrors.MalformedLine(problem));
            }
            else if (all || warned++ < HostsProblemWarnings.Shown)
            {
                WriteWarning(problem.ToString());
            }
        }

        if (warned > HostsProblemWarnings.Shown)
        {
            WriteWarning(HostsProblemWarnings.Omitted(document.Path, warned - HostsProblemWarnings.Shown));
        }

        if (Strict.IsPresent && HostsOsReading.AppliesHere)
        {
            // Lines that look like entries but that glibc skips or reads otherwise (malformed lines it reads are errors above).
            foreach (var difference in HostsOsReading.Compare(document).Where(d => d.Kind != HostsReadingKind.ReadByOsOnly))
            {
                WriteLoopbackError(HostsErrors.ReadOtherwiseByOs(document.Path, difference));
            }
        }
    }
}
