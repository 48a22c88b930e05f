using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using LoopbackTools.Addressing;
using LoopbackTools.Connection;
using LoopbackTools.Diagnostics;
using LoopbackTools.Judges;
using LoopbackTools.Resolution;

namespace LoopbackTools.Waiting;

/// <summary>
/// Wait-LocalhostConnection's engine: each round resolves the name again and tries every address it gives, both
/// families at once, so a server that binds only one family (the first-address trap of wait-on and wait-for-it)
/// is found wherever it listens. On timeout Test-LocalhostConnection's checklist says why.
/// </summary>
public sealed class LocalhostConnectionWaiter
{
    /// <summary>The least an attempt is allowed: a connection to a loopback listener takes well under a millisecond.</summary>
    private static readonly TimeSpan MinimumAttempt = TimeSpan.FromMilliseconds(100);

    /// <summary>The most one attempt may take, so a dropped SYN or a stalled reply does not hold up the next round.</summary>
    private static readonly TimeSpan MaximumAttempt = TimeSpan.FromSeconds(2);

    private readonly LocalhostConnectionCheck _check;

    public LocalhostConnectionWaiter(LocalhostConnectionCheck? check = null)
    {
        _check = check ?? new LocalhostConnectionCheck();
    }

    /// <summary>Waits; on timeout throws Connection.WaitTimedOut carrying the checklist's failing and warning steps.</summary>
    /// <exception cref="LoopbackToolsException">Connection.WaitTimedOut; Connection.InvalidPort, Connection.InvalidStatusCode, Dns.InvalidName.</exception>
    public async Task<LocalhostConnectionWait> WaitAsync(LocalhostConnectionWaitOptions options, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var (wait, rounds, lastRound) = await RunAsync(options, progress, cancellationToken).ConfigureAwait(false);
        if (wait is not null)
        {
            return wait;
        }

        progress?.Report(new WorkProgress(Activity, $"{Target(options)} did not answer: running Test-LocalhostConnection's checklist", 0, 0));
        var check = new LocalhostConnectionOptions(options.Port)
        {
            Name = options.HostName,
            Http = options.Http,
            Https = options.Https,
            HostsFilePath = options.HostsFilePath,
            Engine = options.Engine,
        };
        var steps = await _check.CheckAsync(check, cancellationToken).ConfigureAwait(false);
        throw ConnectionErrors.WaitTimedOut(Target(options), options.Port, options.Timeout, rounds, lastRound, steps);
    }

    /// <summary>Waits; null on timeout (what -Quiet needs: no checklist is run).</summary>
    /// <exception cref="LoopbackToolsException">Connection.InvalidPort, Connection.InvalidStatusCode, Dns.InvalidName.</exception>
    public async Task<LocalhostConnectionWait?> TryWaitAsync(LocalhostConnectionWaitOptions options, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        (await RunAsync(options, progress, cancellationToken).ConfigureAwait(false)).Wait;

    private const string Activity = "Wait-LocalhostConnection";

    private static async Task<(LocalhostConnectionWait? Wait, int Rounds, string LastRound)> RunAsync(LocalhostConnectionWaitOptions options, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        LocalhostConnectionCheck.Validate(new LocalhostConnectionOptions(options.Port) { Name = options.HostName });
        var address = Dns.NameLiteral.Parse(options.HostName);
        if (address is not null && !AddressClassifier.IsLoopback(address))
        {
            // This machine's loopback only: nothing is ever sent to another address (docs/decisions.md 107).
            throw ConnectionErrors.NotLoopback(address);
        }

        var name = address is null ? options.HostName.Trim() : Dns.NameLiteral.Shown(address); // a literal is never looked up: as in a Host header
        var statuses = options.Http || options.Https ? HttpStatusSet.Parse(options.StatusCodes) : null;
        var path = RequestPath(options.Path);
        var literal = address is null ? null : new[] { address };
        var target = Target(options);
        var watch = Stopwatch.StartNew();
        var rounds = 0;
        var lastRound = string.Empty;
        while (true)
        {
            rounds++;
            var attemptTimeout = Clamp(options.Timeout - watch.Elapsed);
            var (addresses, failure) = literal is not null
                ? (literal, string.Empty)
                : await OsResolverLayer.LookupAsync(name, attemptTimeout, cancellationToken).ConfigureAwait(false);
            var resolved = MappedAddress.UnmapAll(addresses);
            if (resolved.Length == 0)
            {
                lastRound = $"{name} does not resolve ({(failure.Length == 0 ? "no addresses" : failure)})";
            }
            else
            {
                var attempts = await FirstSuccessAsync(resolved, name, options.Port, path, statuses, options.Https, attemptTimeout, cancellationToken).ConfigureAwait(false);
                var won = attempts.FirstOrDefault(a => a.Succeeded);
                if (won is not null)
                {
                    return (new LocalhostConnectionWait(Shown(options.HostName), options.Port, won.Address.ToString(), watch.ElapsedMilliseconds, rounds, won.StatusCode), rounds, string.Empty);
                }

                lastRound = string.Join(", ", attempts.Select(a => a.ToString()));
            }

            var remaining = options.Timeout - watch.Elapsed;
            progress?.Report(new WorkProgress(
                Activity,
                string.Format(CultureInfo.InvariantCulture, "Waiting for {0}: {1:0.0} of {2:0.#} s, round {3}: {4}", target, watch.Elapsed.TotalSeconds, options.Timeout.TotalSeconds, rounds, lastRound),
                (int)Math.Min(watch.ElapsedMilliseconds, (long)options.Timeout.TotalMilliseconds),
                (int)options.Timeout.TotalMilliseconds));
            if (remaining <= TimeSpan.Zero)
            {
                return (null, rounds, lastRound);
            }

            await Task.Delay(options.Interval < remaining ? options.Interval : remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every address at once; returns as soon as one succeeds (the others are abandoned), else every answer in the resolver's order.</summary>
    private static async Task<IReadOnlyList<WaitAttempt>> FirstSuccessAsync(IPAddress[] resolved, string name, int port, string path, HttpStatusSet? statuses, bool overTls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = resolved.Select(a => TryAsync(new IPEndPoint(a, port), name, path, statuses, overTls, timeout, abandon.Token)).ToList();
        var all = pending.ToArray();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            var attempt = await done.ConfigureAwait(false);
            if (attempt.Succeeded)
            {
                abandon.Cancel();
                _ = Task.WhenAll(pending).ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return new[] { attempt };
            }
        }

        return all.Select(t => t.Result).ToArray();
    }

    private static async Task<WaitAttempt> TryAsync(IPEndPoint endpoint, string name, string path, HttpStatusSet? statuses, bool overTls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var address = endpoint.Address;
        if (statuses is null)
        {
            var outcome = await TcpConnectProbe.ConnectAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false);
            // A forwarder (docker-proxy, ssh -L...) accepts before it reaches its far end: a request through it decides (docs/decisions.md 109).
            if (outcome == ConnectOutcome.Accepted && await ForwarderFarEnd.ProbeAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false) is { } far)
            {
                return new WaitAttempt(address, far.Ready, 0, far.Said);
            }

            return new WaitAttempt(address, outcome == ConnectOutcome.Accepted, 0, ConnectWording.Said(outcome));
        }

        var (head, failure) = await HttpHeadRequest.GetAsync(endpoint, name, path, timeout, cancellationToken, overTls).ConfigureAwait(false);
        if (head is null)
        {
            return new WaitAttempt(address, false, 0, "got " + failure);
        }

        if (!HttpHeadRequest.TryReadStatus(head, out var status, out var line))
        {
            return new WaitAttempt(address, false, 0, $"answers something that is not HTTP ('{line}')");
        }

        var accepted = statuses.Contains(status);
        return new WaitAttempt(address, accepted, status, accepted ? "answers " + line : $"answers {line}, not {statuses}");
    }

    /// <summary>The request target: "/" added in front when missing; a space or control character cannot be sent.</summary>
    private static string RequestPath(string path)
    {
        var given = path ?? string.Empty;
        if (given.Any(c => c <= ' ' || c >= 0x7f))
        {
            throw ConnectionErrors.InvalidPath(given);
        }

        return given.StartsWith("/", StringComparison.Ordinal) ? given : "/" + given;
    }

    private static TimeSpan Clamp(TimeSpan remaining) =>
        remaining < MinimumAttempt ? MinimumAttempt : remaining > MaximumAttempt ? MaximumAttempt : remaining;

    /// <summary>The name as rows show it: an address literal as in a URL ([::1]), anything else as given, trimmed.</summary>
    private static string Shown(string hostName) =>
        Dns.NameLiteral.Parse(hostName) is { } literal ? Dns.NameLiteral.Shown(literal) : (hostName ?? string.Empty).Trim();

    private static string Target(LocalhostConnectionWaitOptions options)
    {
        var endpoint = EndpointText.Of(Shown(options.HostName), options.Port);
        return options.Http || options.Https ? $"{(options.Https ? "https" : "http")}://{endpoint}{RequestPath(options.Path)}" : endpoint;
    }
}
