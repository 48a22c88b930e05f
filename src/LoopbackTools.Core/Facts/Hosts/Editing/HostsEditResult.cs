using System.Collections.Generic;

namespace LoopbackTools.Hosts;

/// <summary>The outcome of <see cref="HostsEditor.Build()"/>: the new file's bytes, parsed, with what changed and the warnings.</summary>
public sealed class HostsEditResult
{
    private readonly byte[] _content;

    internal HostsEditResult(byte[] content, HostsDocument document, IReadOnlyList<HostsLineChange> changes, IReadOnlyList<HostsEntry> entries, IReadOnlyList<HostsEntry> removedEntries, IReadOnlyList<HostsWarning> warnings)
    {
        _content = content;
        Document = document;
        Changes = changes;
        Entries = entries;
        RemovedEntries = removedEntries;
        Warnings = warnings;
    }

    /// <summary>The edited file, parsed; its Path is the original's.</summary>
    public HostsDocument Document { get; }

    /// <summary>The line edits included, in file order.</summary>
    public IReadOnlyList<HostsLineChange> Changes { get; }

    /// <summary>The entries of changed and added lines, as they are in the new file (line numbers of the new file).</summary>
    public IReadOnlyList<HostsEntry> Entries { get; }

    /// <summary>The entries of removed lines, as they were in the file read.</summary>
    public IReadOnlyList<HostsEntry> RemovedEntries { get; }

    public IReadOnlyList<HostsWarning> Warnings { get; }

    /// <summary>The new file's bytes: every line not edited is byte-identical to the file read.</summary>
    public byte[] ToBytes() => (byte[])_content.Clone();

    internal byte[] Content => _content;
}
