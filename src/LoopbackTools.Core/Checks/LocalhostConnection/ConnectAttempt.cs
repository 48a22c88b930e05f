using System.Net;

namespace LoopbackTools.Connection;

/// <summary>One TCP connection attempt of the Connect step.</summary>
internal sealed class ConnectAttempt
{
    public ConnectAttempt(IPAddress target, int choice, ConnectOutcome outcome)
    {
        Target = target;
        Choice = choice;
        Outcome = outcome;
    }

    public IPAddress Target { get; }

    /// <summary>1 for the first address the OS resolver returned, 2 for the next; 0 for 127.0.0.1 or ::1 tried anyway; -1 for a listener's own address.</summary>
    public int Choice { get; }

    public ConnectOutcome Outcome { get; }

    public bool Accepted => Outcome == ConnectOutcome.Accepted;

    public string Shown => Choice switch
    {
        > 0 => $"{Target} (choice {Choice}): {Outcome}",
        0 => $"{Target} (not resolved, tried anyway): {Outcome}",
        _ => $"{Target} (a listener's address): {Outcome}",
    };
}
