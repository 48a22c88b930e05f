using System;
using System.Collections.Generic;
using System.Management.Automation;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>
/// One read per hosts file per cmdlet invocation, so piped records neither re-read nor re-report a file, and one
/// path resolution per distinct path text: resolving through the provider cost ~100 us a record, most of a piped
/// edit's time (docs/decisions.md, "Hosts edits at blocklist scale").
/// </summary>
public sealed class HostsDocumentCache
{
    private readonly Dictionary<string, HostsDocument?> _documents = new(StringComparer.Ordinal);

    // Path as given -> file-system path, for paths that resolved; a path that failed is resolved (and reported) again.
    private readonly Dictionary<string, string> _resolved = new(StringComparer.Ordinal);

    /// <summary>
    /// The document of <paramref name="path"/>, read on first use; null when the path is not a file-system path or
    /// the file cannot be read (reported once through <paramref name="writeError"/>). <paramref name="isNew"/> is true on first use.
    /// </summary>
    public HostsDocument? Open(LoopbackCmdlet cmdlet, string path, Action<LoopbackToolsException> writeError, out bool isNew)
    {
        if (writeError is null)
        {
            throw new ArgumentNullException(nameof(writeError));
        }

        isNew = false;
        if (!_resolved.TryGetValue(path, out var resolved))
        {
            resolved = FileSystemPaths.Resolve(cmdlet, path, out var invalid);
            if (resolved is null)
            {
                writeError(invalid!);
                return null;
            }

            _resolved[path] = resolved;
        }

        if (_documents.TryGetValue(resolved, out var known))
        {
            return known;
        }

        HostsDocument? document = null;
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            document = cmdlet.RunStoppable(_ => HostsDocument.Load(resolved)); // a FIFO would block the read for ever
            isNew = true;
            cmdlet.WriteVerbose($"Read {resolved} in {watch.ElapsedMilliseconds} ms: {document.Lines.Count} line(s), {document.Entries.Count} entries, {document.Problems.Count} problem(s).");
        }
        catch (LoopbackToolsException e)
        {
            writeError(e);
        }

        _documents[resolved] = document;
        return document;
    }
}
