using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Resolution;

/// <summary>
/// The OS resolver through System.Net.Dns (getaddrinfo on Unix), keeping the order it returns: the
/// order clients try. The name is passed as given, so <c>localhost.</c> and <c>localhost</c> may differ.
/// </summary>
internal static class OsResolverLayer
{
    public const string ServerLabel = "system resolver";

    /// <summary>The addresses in OS order, or null with a reason when the lookup failed or timed out.</summary>
    public static async Task<(IPAddress[]? Addresses, string Failure)> LookupAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // getaddrinfo cannot be cancelled on netstandard2.0: stop waiting instead; the lookup ends on its own.
        var lookup = System.Net.Dns.GetHostAddressesAsync(name.Trim());
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, stopWaiting.Token);
        var first = await Task.WhenAny(lookup, delay).ConfigureAwait(false);
        stopWaiting.Cancel();
        if (first != lookup)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = lookup.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe a late failure
            return (null, string.Format(CultureInfo.InvariantCulture, "did not answer within {0:0.###} s", timeout.TotalSeconds));
        }

        try
        {
            return (await lookup.ConfigureAwait(false), string.Empty);
        }
        catch (SocketException e)
        {
            return (null, string.Format(CultureInfo.InvariantCulture, "{0} ({1})", e.Message, e.SocketErrorCode));
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }
    }

    public static async Task<LocalhostResolutionResult> CheckAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (addresses, failure) = await LookupAsync(name, timeout, cancellationToken).ConfigureAwait(false);
        return Judge(name, addresses, failure);
    }

    /// <summary>The rules, apart from the lookup so they can be read (and tested) on their own.</summary>
    /// <param name="source">Which source answered (Test-LocalhostResolution): named in the finding and the row; null leaves both out.</param>
    internal static LocalhostResolutionResult Judge(string name, IPAddress[]? addresses, string failure, Sources.ResolverSource? source = null)
    {
        var from = source?.Phrase ?? string.Empty;
        var set = new AddressSet(addresses ?? Array.Empty<IPAddress>());
        var kind = LocalhostNames.Classify(name);
        Judgement verdict;
        if (set.IsEmpty)
        {
            var why = failure.Length == 0 ? "no addresses" : failure;
            var rooted = name.Trim().EndsWith(".", StringComparison.Ordinal);
            verdict = kind switch
            {
                // .NET on Linux sends "localhost." to DNS although the hosts file lists "localhost".
                _ when rooted && kind != LocalhostNameKind.Other => Judgement.Fail($"the OS resolver cannot resolve {name} ({why}){from}: with the trailing dot it skips the hosts file and asks DNS - use the name without the dot"),
                LocalhostNameKind.Localhost => Judgement.Fail($"the OS resolver cannot resolve {name} ({why}){from}: restore '127.0.0.1 localhost' and '::1 localhost' in the hosts file"),
                LocalhostNameKind.UnderLocalhost => Judgement.Fail($"the OS resolver cannot resolve {name} ({why}){from}: it has no RFC 6761 rule for *.localhost and asks DNS; browsers map it to loopback themselves, other clients fail - add '127.0.0.1 {name}' and '::1 {name}' to the hosts file"),
                _ => Judgement.Fail($"the OS resolver cannot resolve {name} ({why}){from}"),
            };
        }
        else if (kind != LocalhostNameKind.Other && !set.AllLoopback)
        {
            verdict = Judgement.Fail($"the OS resolver returns {AddressSet.Join(set.NonLoopback)} for {name}{from}: {name} must resolve to loopback (RFC 6761 6.3) - find the source that gives it (the hosts file and DNS layers are checked separately) and make {name} resolve to 127.0.0.1 and ::1");
        }
        else if (kind != LocalhostNameKind.Other && !set.HasIPv6Loopback)
        {
            verdict = Judgement.Warn($"the OS resolver returns only IPv4 ({set.List}) for {name}{from}: clients asking for IPv6 get no ::1 and may fall through to DNS - add '::1 {name}' to the hosts file");
        }
        else if (kind != LocalhostNameKind.Other && !set.HasIPv4Loopback)
        {
            verdict = Judgement.Warn($"the OS resolver returns only IPv6 ({set.List}) for {name}{from}: IPv4-only clients get no 127.0.0.1 - add '127.0.0.1 {name}' to the hosts file");
        }
        else
        {
            var first = set.Addresses[0];
            var order = set.FamilyOrder.Length == 0 ? string.Empty : $"; {set.FamilyOrder}: clients that try only the first address need a listener on {first}";
            verdict = Judgement.Pass($"the OS resolver returns {set.List} for {name}{from}{order}");
        }

        return new LocalhostResolutionResult(name, ResolutionLayer.OsResolver, ServerLabel, set.Texts, set.AllLoopback, string.Empty, verdict.Status, verdict.Finding, source?.Source, source?.Chain);
    }
}
