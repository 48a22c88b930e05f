namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// A slice of one process's descriptor numbers, shared out so that several workers can read the links of a
/// process holding thousands of sockets (one process can hold all 20,000 listeners of a host).
/// </summary>
internal readonly struct DescriptorChunk
{
    public DescriptorChunk(int processId, int[] descriptors, int start, int count)
    {
        ProcessId = processId;
        Descriptors = descriptors;
        Start = start;
        Count = count;
    }

    public int ProcessId { get; }

    public int[] Descriptors { get; }

    public int Start { get; }

    public int Count { get; }
}
