namespace LoopbackTools.Sockets;

/// <summary>How a deadline-bound exchange ended, and what the exchange returned when it got that far.</summary>
internal readonly struct ProbeResult<T>
{
    public ProbeResult(PortReachability outcome, T? value, string error)
    {
        Outcome = outcome;
        Value = value;
        Error = error;
    }

    public PortReachability Outcome { get; }

    /// <summary>The exchange's result (default when it did not complete).</summary>
    public T? Value { get; }

    /// <summary>The socket error's message for an Unreachable outcome; empty otherwise.</summary>
    public string Error { get; }
}
