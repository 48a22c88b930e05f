namespace LoopbackTools.Hosts;

/// <summary>
/// Compact per-line parse result: byte offsets into the document's buffer, no strings. A 265k-line
/// blocklist costs ~40 bytes a line here; entry and line objects are only made when asked for.
/// </summary>
internal struct LineRecord
{
    /// <summary>First byte of the line's text.</summary>
    public int Start;

    /// <summary>Bytes of text, line ending excluded.</summary>
    public int Length;

    public LineEnding Ending;

    public HostsLineKind Kind;

    /// <summary>Index into the document's address table; -1 unless an (enabled or disabled) entry.</summary>
    public int AddressId;

    /// <summary>First byte of the first name.</summary>
    public int NamesStart;

    /// <summary>One past the last byte of the last name.</summary>
    public int NamesEnd;

    public int NameCount;

    /// <summary>First byte after the <c>#</c> of an inline comment; -1 when there is none.</summary>
    public int CommentStart;

    /// <summary>Index into the document's entries; -1 when the line is no entry.</summary>
    public int EntryIndex;

    /// <summary>Index into the document's problems; -1 when the line has none.</summary>
    public int ProblemIndex;

    public int End => Start + Length;
}
