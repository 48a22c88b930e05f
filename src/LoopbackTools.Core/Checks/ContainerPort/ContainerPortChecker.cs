using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Containers;

/// <summary>
/// Test-ContainerPort's engine: for each container and port, checks running → exposed → published →
/// listening inside → answering on the host, several containers at a time.
/// </summary>
public sealed class ContainerPortChecker
{
    private const string Activity = "Testing container ports";
    private readonly DockerApiClient _client;
    private readonly IContainerSocketReader _sockets;

    public ContainerPortChecker(DockerApiClient client, IContainerSocketReader sockets)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _sockets = sockets ?? throw new ArgumentNullException(nameof(sockets));
    }

    /// <summary>The engine client: its endpoint, and after a check the engine and API version it negotiated.</summary>
    public DockerApiClient Client => _client;

    /// <summary>A checker for the endpoint named by <paramref name="engine"/>, else DOCKER_HOST, else the platform default.</summary>
    public static ContainerPortChecker ForEndpoint(string? engine, TimeSpan timeout)
    {
        return new ContainerPortChecker(new DockerApiClient(DockerEndpoint.ForThisMachine(engine), timeout), new ListenerScannerSocketReader());
    }

    /// <summary>
    /// Checks the requested containers. Engine-wide failures (unreachable, permission denied, bad endpoint) throw;
    /// a failure that concerns one container (unknown name) is returned in its outcome.
    /// </summary>
    public async Task<IReadOnlyList<ContainerCheckOutcome>> CheckAsync(ContainerPortCheckOptions options, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var engine = await _client.GetEngineAsync(cancellationToken).ConfigureAwait(false);
        var targets = options.All
            ? await _client.ListRunningContainerIdsAsync(cancellationToken).ConfigureAwait(false)
            : options.Containers.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();

        var outcomes = new ContainerCheckOutcome[targets.Count];
        var completed = 0;
        using var gate = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
        progress?.Report(new WorkProgress(Activity, $"{targets.Count} containers on {_client.Endpoint.Display}", 0, targets.Count));
        var work = targets.Select(async (target, index) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                outcomes[index] = await CheckOneAsync(target, engine, options, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
                var done = Interlocked.Increment(ref completed);
                progress?.Report(new WorkProgress(Activity, $"{target} ({done} of {targets.Count})", done, targets.Count));
            }
        }).ToList();
        await Task.WhenAll(work).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<ContainerCheckOutcome> CheckOneAsync(string target, EngineInfo engine, ContainerPortCheckOptions options, CancellationToken cancellationToken)
    {
        ContainerInspection container;
        try
        {
            container = await _client.InspectContainerAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (LoopbackToolsException e) when (e.ErrorId is DockerErrors.ContainerNotFoundId or DockerErrors.MalformedResponseId or DockerErrors.ApiErrorId)
        {
            return new ContainerCheckOutcome(target, Array.Empty<ContainerPortResult>(), e);
        }

        var results = new List<ContainerPortResult>();
        foreach (var spec in PortsToCheck(container, options))
        {
            var listeners = await ReadInsideAsync(container, spec, engine, cancellationToken).ConfigureAwait(false);
            var (scope, addresses) = ContainerPortAssessor.DescribeBind(listeners);
            var bindings = spec.Bindings.Count == 0 ? new PublishedBinding?[] { null } : spec.Bindings.Cast<PublishedBinding?>();
            foreach (var binding in bindings)
            {
                var reach = await ProbeAsync(container, spec, binding, options.Timeout, cancellationToken).ConfigureAwait(false);
                var (status, finding) = ContainerPortAssessor.Assess(container, spec, binding, listeners, reach, options.Timeout);
                results.Add(new ContainerPortResult(
                    container.Name,
                    container.Id,
                    engine.ToString(),
                    spec.Port,
                    spec.Protocol,
                    binding is not null,
                    binding is null ? string.Empty : ContainerPortAssessor.ShownHostIp(binding.HostIp),
                    binding?.HostPort ?? 0,
                    addresses,
                    scope,
                    reach,
                    status,
                    finding));
            }
        }

        return new ContainerCheckOutcome(target, results, null);
    }

    /// <summary>
    /// The container's own ports, narrowed to -Port. For a named container, a requested port it does not
    /// have still gets a row (so "the app listens, but nothing publishes it" can be said); with -All it is skipped.
    /// </summary>
    private static IEnumerable<ContainerPortSpec> PortsToCheck(ContainerInspection container, ContainerPortCheckOptions options)
    {
        if (options.Ports.Count == 0)
        {
            if (container.Ports.Count == 0 && !options.All)
            {
                return new[] { new ContainerPortSpec(0, "tcp", false, Array.Empty<PublishedBinding>()) };
            }

            return container.Ports;
        }

        var chosen = new List<ContainerPortSpec>();
        foreach (var port in options.Ports.Distinct().OrderBy(p => p))
        {
            var known = container.Ports.Where(p => p.Port == port).ToList();
            if (known.Count > 0)
            {
                chosen.AddRange(known);
            }
            else if (!options.All)
            {
                chosen.Add(new ContainerPortSpec(port, "tcp", false, Array.Empty<PublishedBinding>()));
            }
        }

        return chosen;
    }

    private async Task<InsideListeners?> ReadInsideAsync(ContainerInspection container, ContainerPortSpec spec, EngineInfo engine, CancellationToken cancellationToken)
    {
        if (!container.Running || spec.Port == 0 || !string.Equals(spec.Protocol, "tcp", StringComparison.Ordinal))
        {
            return null;
        }

        if (engine.RunsInVirtualMachine)
        {
            return InsideListeners.Unknown("the engine runs in a virtual machine (Docker Desktop), whose processes this host cannot see");
        }

        return await _sockets.FindTcpListenersAsync(container.Pid, spec.Port, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<PortReachability> ProbeAsync(ContainerInspection container, ContainerPortSpec spec, PublishedBinding? binding, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (binding is null || !container.Running || binding.HostPort == 0 || !string.Equals(spec.Protocol, "tcp", StringComparison.Ordinal))
        {
            return PortReachability.NotTested;
        }

        var address = ContainerPortAssessor.ProbeAddress(binding.HostIp);
        if (address is null)
        {
            return PortReachability.Unreachable;
        }

        return await TcpRequestProbe.ProbeAsync(new IPEndPoint(address, binding.HostPort), timeout, cancellationToken).ConfigureAwait(false);
    }
}
