using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>
/// What Add/Set/Remove-HostsEntry share: each file is read once per invocation, every record plans its line
/// edits on it (Core's HostsEditor), and at the end each file is written once, with a ShouldProcess per line
/// showing the exact text before and after, through Core's HostsFileWriter (atomic, backup, concurrency check).
/// Writing once at the end keeps piped line numbers valid while lines are removed.
/// </summary>
public abstract class HostsEditCmdlet : LoopbackCmdlet
{
    // Path/LiteralPath as Import-PowerShellDataFile has them. -Backup and -NoBackup are in both sets and checked
    // against each other in BeginProcessing: a set in which -NoBackup is mandatory left the binder two candidate sets
    // whenever a path was given with piped input, so it prompted for NoBackup or gave up (issue 31).
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    private readonly HostsDocumentCache _documents = new();

    // A list, so files are written in the order they were first named.
    private readonly List<HostsEditor> _editors = new();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Backup { get; set; }

    [Parameter]
    public SwitchParameter NoBackup { get; set; }

    /// <summary>
    /// The file to edit, with provider wildcards. The Path of a piped entry (Get-HostsEntry, Import-Csv, Import-Clixml)
    /// binds here only when no path was given: one given on the command line is bound first and the binder keeps it.
    /// </summary>
    [Parameter(ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string? LiteralPath { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (NoBackup.IsPresent && !string.IsNullOrEmpty(Backup))
        {
            ThrowLoopbackError(HostsErrors.InvalidUpdate("-Backup and -NoBackup contradict each other."));
        }
    }

    protected override void EndProcessing()
    {
        foreach (var editor in _editors)
        {
            Commit(editor);
        }
    }

    /// <summary>The entries -PassThru writes: by default those of changed and added lines, as they are now.</summary>
    protected virtual IEnumerable<HostsEntry> PassThruEntries(HostsEditResult result) => result.Entries;

    /// <summary>
    /// Runs <paramref name="plan"/> on the editor of each file -LiteralPath or -Path (wildcards expanded) names;
    /// neither: this OS's hosts file. Failures become errors.
    /// </summary>
    protected void Plan(Action<HostsEditor> plan)
    {
        var literal = !string.IsNullOrEmpty(LiteralPath);
        var named = literal ? LiteralPath : Path;
        var paths = string.IsNullOrEmpty(named) ? null : new[] { named! };
        foreach (var file in FileSystemPaths.Expand(this, paths, literal, WriteLoopbackError))
        {
            var editor = EditorFor(file);
            if (editor is null)
            {
                continue;
            }

            try
            {
                plan(editor);
            }
            catch (LoopbackToolsException e)
            {
                WriteLoopbackError(e);
            }
        }
    }

    private HostsEditor? EditorFor(string path)
    {
        var document = _documents.Open(this, path, WriteLoopbackError, out var isNew);
        if (document is null)
        {
            return null;
        }

        if (isNew)
        {
            _editors.Add(new HostsEditor(document));
        }

        return _editors.First(e => e.Document == document);
    }

    private void Commit(HostsEditor editor)
    {
        var planned = editor.Changes;
        if (planned.Count == 0)
        {
            return;
        }

        var path = editor.Document.Path;
        HostsEditResult preview;
        try
        {
            // Building can refuse the edit itself (Hosts.EncodingWouldChange): an error record, nothing written.
            preview = editor.Build();
        }
        catch (LoopbackToolsException e)
        {
            WriteLoopbackError(e);
            return;
        }

        foreach (var warning in preview.Warnings)
        {
            WriteWarning(path + ": " + warning.Message);
        }

        // A mount point (/etc/hosts in a container) cannot be replaced by rename: say that it is rewritten in place, which is not atomic.
        var target = path;
        if (HostsFileWriter.IsRewrittenInPlace(path))
        {
            target = path + " (a mount point: rewritten in place, not replaced)";
            WriteVerbose($"{path} is a mount point (as /etc/hosts is inside containers), so it is rewritten in place after a backup copy instead of being replaced by rename; a reader can see a partly written file for the moment of the write.");
        }

        var approved = planned.Where(change => ShouldProcess(target, change.ToString())).ToList();
        if (approved.Count == 0)
        {
            return;
        }

        try
        {
            var result = approved.Count == planned.Count ? preview : editor.Build(approved);
            var backup = BackupPathFor(path);
            RunStoppable(token =>
            {
                HostsFileWriter.Write(result, editor.Document, backup, token);
                return true;
            });
            if (PassThru.IsPresent)
            {
                WriteObject(PassThruEntries(result), true);
            }
        }
        catch (LoopbackToolsException e)
        {
            WriteLoopbackError(e);
        }
    }

    private string? BackupPathFor(string path)
    {
        if (NoBackup.IsPresent)
        {
            return null;
        }

        return string.IsNullOrEmpty(Backup) ? HostsFileWriter.DefaultBackupPath(path) : FileSystemPaths.Resolve(this, Backup!, out var invalid) ?? throw invalid!;
    }
}
