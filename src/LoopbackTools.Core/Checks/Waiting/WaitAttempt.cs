using System.Net;

namespace LoopbackTools.Waiting;

/// <summary>What one address answered in one round of Wait-LocalhostConnection.</summary>
internal sealed class WaitAttempt
{
    public WaitAttempt(IPAddress address, bool succeeded, int statusCode, string said)
    {
        Address = address;
        Succeeded = succeeded;
        StatusCode = statusCode;
        Said = said;
    }

    public IPAddress Address { get; }

    /// <summary>Connected (or, with -Http, answered an accepted status).</summary>
    public bool Succeeded { get; }

    /// <summary>The HTTP status it answered; 0 without -Http or without a status line.</summary>
    public int StatusCode { get; }

    /// <summary>What it did, as a phrase after the address: "refuses", "answers HTTP/1.0 503 Service Unavailable".</summary>
    public string Said { get; }

    public override string ToString() => $"{Address} {Said}";
}
