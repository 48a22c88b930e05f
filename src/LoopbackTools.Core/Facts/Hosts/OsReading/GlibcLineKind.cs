namespace LoopbackTools.Hosts;

/// <summary>What glibc's nss_files makes of one LF-ended line of a hosts file.</summary>
internal enum GlibcLineKind
{
    /// <summary>Only whitespace (space, tab, CR, VT, FF), or a NUL byte before anything else: skipped.</summary>
    Blank,

    /// <summary>The first non-blank byte is '#': skipped.</summary>
    Comment,

    /// <summary>The first field is no address <c>inet_pton</c> reads: skipped ("Illegal address: ignore line").</summary>
    NotAnAddress,

    /// <summary>An address and its names (possibly none).</summary>
    Entry,
}
