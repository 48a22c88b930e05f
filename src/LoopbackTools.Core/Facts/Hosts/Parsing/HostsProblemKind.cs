namespace LoopbackTools;

/// <summary>What is wrong with a hosts file line.</summary>
public enum HostsProblemKind
{
    /// <summary>The line is not a valid entry (bad address, no name, bad name): resolvers ignore it.</summary>
    Malformed,

    /// <summary>A valid entry with more than 9 names: Windows ignores the names after the ninth.</summary>
    TooManyNames,
}
