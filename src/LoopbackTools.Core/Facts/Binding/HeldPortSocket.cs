namespace LoopbackTools.Binding;

/// <summary>A TCP socket that is not a listener but whose local end is the port (an outgoing connection, TIME_WAIT...).</summary>
internal sealed class HeldPortSocket
{
    public HeldPortSocket(string state, string local, string remote)
    {
        State = state;
        Local = local;
        Remote = remote;
    }

    /// <summary>The TCP state as ss prints it (ESTAB, TIME-WAIT, UNCONN for bound but never listening...).</summary>
    public string State { get; }

    public string Local { get; }

    public string Remote { get; }

    public override string ToString() => $"{State} {Local} -> {Remote}";
}
