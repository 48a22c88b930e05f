namespace LoopbackTools.Hosts;

/// <summary>Why text failed to parse as an entry; turned into a sentence only for lines that are reported.</summary>
internal enum EntryFault
{
    None,
    NotAnAddress,
    NoHostName,
    InvalidHostNameCharacter,
    HostNameTooLong,
}
