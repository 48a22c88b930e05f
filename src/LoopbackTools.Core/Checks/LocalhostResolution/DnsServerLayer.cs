using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Connection;
using LoopbackTools.Dns;
using QueryType = DnsClient.QueryType;

namespace LoopbackTools.Resolution;

/// <summary>Asks DNS servers for A and AAAA (in parallel, through DnsClient) and judges the answers against RFC 6761 6.3.</summary>
internal sealed class DnsServerLayer
{
    private readonly DnsQueryClient _client;

    public DnsServerLayer(DnsQueryClient? client = null)
    {
        _client = client ?? new DnsQueryClient();
    }

    /// <summary>One result per server: the given ones, else the system's (never a public resolver); an Error row when there is none.</summary>
    public async Task<IReadOnlyList<LocalhostResolutionResult>> CheckAllAsync(IReadOnlyList<IPEndPoint> servers, string name, DnsQueryOptions options, CancellationToken cancellationToken)
    {
        var asked = servers.Count > 0 ? servers : SystemNameServers.Get();
        if (asked.Count == 0)
        {
            return new[]
            {
                new LocalhostResolutionResult(name, ResolutionLayer.DnsServer, string.Empty, Array.Empty<string>(), false, string.Empty, StepVerdict.Skipped(string.Empty).ToResolutionStatus(),
                    "no DNS server is configured (no nameserver line in /etc/resolv.conf, no adapter DNS server on Windows): give one with -DnsServer"),
            };
        }

        return await Task.WhenAll(asked.Select(s => CheckAsync(s, name, options, cancellationToken))).ConfigureAwait(false);
    }

    public async Task<LocalhostResolutionResult> CheckAsync(IPEndPoint server, string name, DnsQueryOptions options, CancellationToken cancellationToken)
    {
        var a = _client.QueryAsync(server, name, QueryType.A, options, cancellationToken);
        var aaaa = _client.QueryAsync(server, name, QueryType.AAAA, options, cancellationToken);
        var answers = await Task.WhenAll(a, aaaa).ConfigureAwait(false);
        return Judge(server, name, answers[0], answers[1]);
    }

    internal static LocalhostResolutionResult Judge(IPEndPoint server, string name, DnsQueryResult a, DnsQueryResult aaaa)
    {
        var label = DnsServerAddress.Format(server);
        var set = new AddressSet(a.Addresses.Concat(aaaa.Addresses));
        var rcodes = ResponseCodes(a, aaaa);
        var verdict = Judge(label, name, set, a, aaaa);
        var notes = Notes(a, aaaa);
        return new LocalhostResolutionResult(name, ResolutionLayer.DnsServer, label, set.Texts, set.AllLoopback, rcodes, verdict.ToResolutionStatus(), verdict.Finding + notes);
    }

    private static StepVerdict Judge(string server, string name, AddressSet set, DnsQueryResult a, DnsQueryResult aaaa)
    {
        var failed = new[] { a, aaaa }.Where(r => !r.Answered).ToArray();
        if (failed.Length > 0)
        {
            var what = failed.Length == 2 && a.Reason == aaaa.Reason
                ? $"{a.Reason} (A and AAAA)"
                : string.Join("; ", failed.Select(r => $"{Type(r)}: {r.Reason}"));
            var outcome = failed[0].Outcome == DnsQueryOutcome.Malformed ? "sent no response that could be accepted" : "did not answer";
            return StepVerdict.Fail($"DNS server {server} {outcome} for {name}: {what} - check that the server runs and this address and port are right");
        }

        var mustBeLoopback = LocalhostNames.MustBeLoopback(name);
        if (mustBeLoopback && set.NonLoopback.Length > 0)
        {
            return StepVerdict.Fail($"DNS server {server} answers {name} with {AddressSet.Join(set.NonLoopback)}: a DNS server must not answer for {name} with a non-loopback address (RFC 6761 6.3) - remove that record from the server");
        }

        if (!set.IsEmpty)
        {
            return mustBeLoopback
                ? StepVerdict.Pass($"DNS server {server} answers {name} with loopback ({set.List}), as RFC 6761 6.3 allows")
                : StepVerdict.Pass($"DNS server {server} answers {name} with {set.List}");
        }

        var codes = new[] { a.Rcode, aaaa.Rcode };
        var code = codes.Contains(DnsResponseCode.ServFail) ? DnsResponseCode.ServFail
            : codes.Contains(DnsResponseCode.Refused) ? DnsResponseCode.Refused
            : codes.Contains(DnsResponseCode.NXDomain) ? DnsResponseCode.NXDomain
            : codes.FirstOrDefault(c => c != DnsResponseCode.NoError && c != null) ?? DnsResponseCode.NoError;
        var said = code == DnsResponseCode.NoError ? "no address (NOERROR, empty answer)" : code.ToString().ToUpperInvariant();
        if (mustBeLoopback)
        {
            return code == DnsResponseCode.ServFail
                ? StepVerdict.Warn($"DNS server {server} answers SERVFAIL for {name}: it tried to resolve {name} upstream instead of treating it as special (RFC 6761 6.3)")
                : StepVerdict.Pass($"DNS server {server} answers {said} for {name}: it does not claim {name}, so only the hosts file or the OS answer it (RFC 6761 6.3)");
        }

        return code is DnsResponseCode.NXDomain or DnsResponseCode.NoError
            ? StepVerdict.Warn($"DNS server {server} has no address for {name} ({said}): only the hosts file can resolve it")
            : StepVerdict.Fail($"DNS server {server} answers {said} for {name}: it will not resolve this name for you");
    }

    private static string ResponseCodes(DnsQueryResult a, DnsQueryResult aaaa)
    {
        string Code(DnsQueryResult r) => r.Rcode?.ToString() ?? r.Outcome.ToString();
        return Code(a) == Code(aaaa) ? Code(a) : string.Format(CultureInfo.InvariantCulture, "A {0}, AAAA {1}", Code(a), Code(aaaa));
    }

    private static string Notes(DnsQueryResult a, DnsQueryResult aaaa)
    {
        var notes = new List<string>();
        if (a.Truncated || aaaa.Truncated)
        {
            notes.Add("the UDP answer was truncated and read again over TCP");
        }
        return notes.Count == 0 ? string.Empty : " (" + string.Join("; ", notes) + ")";
    }

    private static string Type(DnsQueryResult r) => r.Type == QueryType.A ? "A" : "AAAA";
}
