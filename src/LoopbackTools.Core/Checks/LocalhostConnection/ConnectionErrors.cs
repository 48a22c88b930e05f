using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Connection;

/// <summary>The stable ErrorIds of Test-LocalhostConnection's and Wait-LocalhostConnection's failures; scripts match on these.</summary>
internal static class ConnectionErrors
{
    public const string InvalidPortId = "Connection.InvalidPort";
    public const string InvalidStatusCodeId = "Connection.InvalidStatusCode";
    public const string InvalidPathId = "Connection.InvalidPath";
    public const string WaitTimedOutId = "Connection.WaitTimedOut";
    public const string NotLoopbackId = "Connection.NotLoopback";

    public static LoopbackToolsException NotLoopback(System.Net.IPAddress address) => new(
        NotLoopbackId,
        ErrorKind.InvalidArgument,
        $"{address} is not a loopback address: Wait-LocalhostConnection waits for this machine's loopback (127.0.0.0/8, ::1) and sends nothing to another address.",
        "Give localhost, 127.0.0.1, ::1 or a name that resolves to loopback; wait for a remote host with a client there.",
        address.ToString());

    public static LoopbackToolsException InvalidPort(int port) => new(
        InvalidPortId,
        ErrorKind.InvalidArgument,
        string.Format(CultureInfo.InvariantCulture, "Port {0} is outside 1-65535, so no connection can be made to it.", port),
        "Give the TCP port the server listens on, between 1 and 65535 (a piped object's Port or HostPort is used; an unpublished container port has HostPort 0).",
        port);

    public static LoopbackToolsException InvalidStatusCode(string text) => new(
        InvalidStatusCodeId,
        ErrorKind.InvalidArgument,
        $"-StatusCode '{text}' is not an HTTP status (100-999) or a range of them.",
        "Give codes or ranges such as 200, '200-399' or '200,204,300-399'.",
        text);

    public static LoopbackToolsException InvalidPath(string path) => new(
        InvalidPathId,
        ErrorKind.InvalidArgument,
        $"-Path '{path}' cannot be sent in a request line: it holds a space or a character outside printable ASCII.",
        "Give the path as it appears in a URL, percent-encoded, for example /health or /search?q=a%20b.",
        path);

    /// <param name="target">"localhost:3000".</param>
    /// <param name="lastRound">What the last round found, e.g. "127.0.0.1 refuses, ::1 refuses".</param>
    /// <param name="steps">Test-LocalhostConnection's checklist, run when the wait gave up.</param>
    public static LoopbackToolsException WaitTimedOut(string target, int port, TimeSpan timeout, int rounds, string lastRound, IReadOnlyList<LocalhostConnectionStep> steps)
    {
        var telling = steps.Where(s => s.Status == ConnectionStatus.Fail).Concat(steps.Where(s => s.Status == ConnectionStatus.Warn)).ToArray();
        // One paragraph: PowerShell's error views join lines anyway; each step reads as its own sentence.
        var found = telling.Length == 0
            ? " Every step of Test-LocalhostConnection passes now: the server may have come up just after the last attempt."
            : " Test-LocalhostConnection finds:" + string.Concat(telling.Select(s => $" {s.Step} step ({s.Status}): {s.Finding.TrimEnd('.')}."));
        return new LoopbackToolsException(
            WaitTimedOutId,
            ErrorKind.OperationTimeout,
            string.Format(CultureInfo.InvariantCulture, "{0} did not answer within {1:0.###} s ({2} {3}; last: {4}).", target, timeout.TotalSeconds, rounds, rounds == 1 ? "round" : "rounds", lastRound) + found,
            // PowerShell prints the remedy as "  Recommendation: ..." without wrapping it: kept short enough for 80 columns.
            $"Fix the steps above; see Test-LocalhostConnection -Port {port}.",
            port);
    }
}
