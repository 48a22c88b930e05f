namespace LoopbackTools.Hosts;

/// <summary>The text encoding a hosts file was read in, remembered so it is written back the same way.</summary>
public enum HostsEncoding
{
    /// <summary>UTF-8 (or plain ASCII) without a byte order mark: what every OS ships.</summary>
    Utf8,

    /// <summary>UTF-8 starting with EF BB BF, as Windows editors often save it.</summary>
    Utf8WithBom,

    /// <summary>UTF-16 little endian with a byte order mark (Notepad's "Unicode").</summary>
    Utf16LittleEndian,

    /// <summary>UTF-16 big endian with a byte order mark.</summary>
    Utf16BigEndian,
}
