using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;

namespace LoopbackTools.Dns;

/// <summary>
/// One A or AAAA question to one server through DnsClient's <see cref="LookupClient"/>: no cache, no EDNS (a 512-byte
/// UDP answer, as the C library's stub resolver asks), UDP with TCP fallback on truncation or TCP only, and
/// <see cref="Retries"/> retries that all share the caller's timeout. Timeouts, refusals and bad answers come back as
/// <see cref="DnsQueryOutcome"/>s, never as exceptions; only invalid arguments and cancellation throw.
/// </summary>
public sealed class DnsQueryClient
{
    /// <summary>Tries after the first one (on a timeout, SERVFAIL, or an answer with a wrong query ID).</summary>
    public const int Retries = 1;

    private const int Tries = Retries + 1;

    // Written by DnsClient 1.8.0 into the audit trail, its only record that the UDP answer had TC set.
    private const string TruncatedMark = ";; Truncated, retrying in TCP mode.";

    // One client for the process: LookupClient cannot be disposed and keeps a pool of TCP connections per server, so a
    // client per question would leave each -Tcp connection open until the GC finds it. Every question brings its own
    // server and settings; the client's own server (never resolved, never asked) only satisfies its constructor.
    private static readonly LookupClient Shared = new(new LookupClientOptions(IPAddress.Loopback) { UseCache = false, AutoResolveNameServers = false });

    public async Task<DnsQueryResult> QueryAsync(IPEndPoint server, string name, QueryType type, DnsQueryOptions options, CancellationToken cancellationToken)
    {
        options ??= new DnsQueryOptions();
        var (normalized, settings) = Prepare(server, name, type, options, tcpFallback: true);
        var watch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            var response = await Shared.QueryAsync(new DnsQuestion(normalized, type, QueryClass.IN), settings, deadline.Token).ConfigureAwait(false);
            return Answered(server, normalized, type, options, response, watch);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Failed(server, normalized, type, options, e, watch);
        }
    }

    /// <summary>
    /// The same question, blocking, with every socket opened on the calling thread: a thread that entered a container's
    /// network namespace asks from inside it. No TCP fallback, because DnsClient pools TCP connections per server
    /// address, and 127.0.0.11 in one container is not 127.0.0.11 in another (a truncated answer says so).
    /// </summary>
    internal DnsQueryResult QueryOnThisThread(IPEndPoint server, string name, QueryType type, DnsQueryOptions options)
    {
        options ??= new DnsQueryOptions();
        var (normalized, settings) = Prepare(server, name, type, options, tcpFallback: false);
        var watch = Stopwatch.StartNew();
        try
        {
            var response = Shared.Query(new DnsQuestion(normalized, type, QueryClass.IN), settings);
            return Answered(server, normalized, type, options, response, watch);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            return Failed(server, normalized, type, options, e, watch);
        }
    }

    private static (string Normalized, DnsQueryAndServerOptions Settings) Prepare(IPEndPoint server, string name, QueryType type, DnsQueryOptions options, bool tcpFallback)
    {
        if (server is null)
        {
            throw new ArgumentNullException(nameof(server));
        }

        if (type != QueryType.A && type != QueryType.AAAA)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Only A and AAAA queries are supported.");
        }

        var settings = new DnsQueryAndServerOptions(server)
        {
            UseCache = false,
            Retries = Retries,
            Timeout = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, options.Timeout.Ticks / Tries)),
            UseTcpFallback = tcpFallback,
            UseTcpOnly = options.UseTcp,
            Recursion = options.RecursionDesired,
            ExtendedDnsBufferSize = DnsClient.DnsQueryOptions.MinimumBufferSize,
            ThrowDnsErrors = false,
            UseRandomNameServer = false,
            EnableAuditTrail = true,
        };
        return (DnsName.Normalize(name), settings);
    }

    private static DnsQueryResult Answered(IPEndPoint server, string normalized, QueryType type, DnsQueryOptions options, IDnsQueryResponse response, Stopwatch watch)
    {
        var truncated = !options.UseTcp && (response.AuditTrail ?? string.Empty).IndexOf(TruncatedMark, StringComparison.Ordinal) >= 0;
        return new DnsQueryResult(server, normalized, type, DnsQueryOutcome.Answered, (DnsResponseCode)(int)response.Header.ResponseCode,
            AddressesFor(response, normalized, type), truncated, options.UseTcp || truncated, watch.Elapsed, string.Empty);
    }

    private static DnsQueryResult Failed(IPEndPoint server, string normalized, QueryType type, DnsQueryOptions options, Exception e, Stopwatch watch)
    {
        var (outcome, reason) = Describe(e, options);
        return new DnsQueryResult(server, normalized, type, outcome, null, Array.Empty<IPAddress>(), false, options.UseTcp, watch.Elapsed, reason);
    }

    /// <summary>Addresses of the asked type for the name or its CNAME chain, in answer order; other owners are ignored.</summary>
    internal static IPAddress[] AddressesFor(IDnsQueryResponse response, string name, QueryType type)
    {
        var owners = new List<string> { name };
        foreach (var alias in response.Answers.CnameRecords())
        {
            if (owners.Any(o => DnsName.AreEqual(o, alias.DomainName.Value)))
            {
                owners.Add(alias.CanonicalName.Value);
            }
        }

        bool Owned(DnsResourceRecord r) => owners.Any(o => DnsName.AreEqual(o, r.DomainName.Value));
        return type == QueryType.A
            ? response.Answers.ARecords().Where(Owned).Select(r => r.Address).ToArray()
            : response.Answers.AaaaRecords().Where(Owned).Select(r => r.Address).ToArray();
    }

    private static (DnsQueryOutcome Outcome, string Reason) Describe(Exception e, DnsQueryOptions options)
    {
        var transport = options.UseTcp ? " (TCP)" : string.Empty;
        var socket = Causes(e).OfType<SocketException>().FirstOrDefault(s => s.SocketErrorCode != SocketError.OperationAborted);
        if (socket is not null && socket.SocketErrorCode != SocketError.TimedOut)
        {
            return (DnsQueryOutcome.Unreachable, Describe(socket));
        }

        var timedOut = string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.###} s in {1} tries{2}", options.Timeout.TotalSeconds, Tries, transport);
        return e switch
        {
            OperationCanceledException or TimeoutException => (DnsQueryOutcome.TimedOut, timedOut),
            _ when socket is not null => (DnsQueryOutcome.TimedOut, timedOut), // a blocking receive's own timeout
            DnsResponseException { Code: DnsClient.DnsResponseCode.ConnectionTimeout } => (DnsQueryOutcome.TimedOut, timedOut),
            DnsXidMismatchException => (DnsQueryOutcome.Malformed, string.Format(CultureInfo.InvariantCulture, "every response carried a wrong query ID ({0} tries): spoofed or stale answers are never taken", Tries)),
            DnsResponseParseException => (DnsQueryOutcome.Malformed, "the response does not parse: " + e.Message),
            _ => (DnsQueryOutcome.Malformed, Causes(e).Last().Message),
        };
    }

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused or SocketError.ConnectionReset => "nothing answers on that port (connection refused)",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to the server",
        SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => "this machine has no address of that family to send from",
        _ => $"socket error {e.SocketErrorCode}: {e.Message}",
    };
}
