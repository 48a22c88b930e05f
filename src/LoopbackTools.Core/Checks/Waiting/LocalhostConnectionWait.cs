using System;

namespace LoopbackTools;

/// <summary>What Wait-LocalhostConnection writes once the port answers: where, after how long and how many rounds.</summary>
public sealed class LocalhostConnectionWait
{
    public LocalhostConnectionWait(string hostName, int port, string remoteAddress, long elapsedMilliseconds, int attempts, int statusCode)
    {
        HostName = hostName ?? throw new ArgumentNullException(nameof(hostName));
        Port = port;
        RemoteAddress = remoteAddress ?? throw new ArgumentNullException(nameof(remoteAddress));
        ElapsedMilliseconds = elapsedMilliseconds;
        Attempts = attempts;
        StatusCode = statusCode;
    }

    /// <summary>The name waited for (localhost unless -HostName).</summary>
    public string HostName { get; }

    public int Port { get; }

    /// <summary>The address that answered first: one of those the name resolves to (not "Address": @($a, $b).Address is System.Array's method).</summary>
    public string RemoteAddress { get; }

    /// <summary>From the first attempt to the answer.</summary>
    public long ElapsedMilliseconds { get; }

    /// <summary>Rounds tried, the successful one included (each round tries every address).</summary>
    public int Attempts { get; }

    /// <summary>The HTTP status that was accepted (with -Http); 0 otherwise.</summary>
    public int StatusCode { get; }

    public override string ToString() => $"{HostName}:{Port} answered at {RemoteAddress} after {ElapsedMilliseconds} ms";
}
