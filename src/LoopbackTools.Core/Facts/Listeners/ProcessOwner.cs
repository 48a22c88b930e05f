namespace LoopbackTools.Listeners;

/// <summary>What is known about the process that holds a socket.</summary>
internal sealed class ProcessOwner
{
    public ProcessOwner(int processId, string? name, string? commandLine, string? user)
    {
        ProcessId = processId;
        Name = name;
        CommandLine = commandLine;
        User = user;
    }

    public int ProcessId { get; }

    public string? Name { get; }

    public string? CommandLine { get; }

    public string? User { get; }
}
