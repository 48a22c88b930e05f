using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners.Owners;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.Connection;

/// <summary>
/// Step 7: a container that publishes the host port (found by the engine's container list, whatever holds the
/// socket: docker-proxy, rootlessport or a NAT rule), checked as Test-ContainerPort checks it.
/// </summary>
internal static class ContainerStep
{
    public static async Task<StepVerdict> JudgeAsync(ConnectionFacts facts, LocalhostConnectionOptions options, CancellationToken cancellationToken)
    {
        var port = facts.Port;
        var proxies = (facts.Listeners ?? Array.Empty<LoopbackListener>()).Where(ListenerStep.IsEngineProxy).Select(ListenerText.Owner).Distinct().ToArray();
        var held = proxies.Length == 0 ? string.Empty : $" ({string.Join(", ", proxies)} holds the port for one)";
        DockerApiClient client;
        try
        {
            var isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            client = new DockerApiClient(DockerEndpoint.Resolve(options.Engine, Environment.GetEnvironmentVariable("DOCKER_HOST"), isWindows), options.Timeout);
        }
        catch (LoopbackToolsException e)
        {
            return StepVerdict.Skipped($"no container engine can be asked{held}: {e.Message} - {e.Remedy}");
        }

        try
        {
            var engine = await client.GetEngineAsync(cancellationToken).ConfigureAwait(false);
            var publishers = Publishers(await client.GetJsonAsync("/containers/json", null, cancellationToken).ConfigureAwait(false), port);
            if (publishers.Count == 0)
            {
                return StepVerdict.Skipped($"no running container on {engine} ({client.Endpoint.Display}) publishes port {port}{held} - nothing to check here");
            }

            var checker = new ContainerPortChecker(client, new ListenerScannerSocketReader());
            var results = new List<ContainerPortResult>();
            foreach (var publisher in publishers)
            {
                var check = new ContainerPortCheckOptions { Containers = new[] { publisher.Id }, Ports = new[] { publisher.ContainerPort }, Timeout = options.Timeout };
                foreach (var outcome in await checker.CheckAsync(check, null, cancellationToken).ConfigureAwait(false))
                {
                    results.AddRange(outcome.Results.Where(r => r.HostPort == port));
                }
            }

            if (results.Count == 0)
            {
                return StepVerdict.Skipped($"the container that published port {port} on {engine} is gone - run the check again");
            }

            var evidence = results.Select(r => $"{r.Container} {r.ContainerPort}/{r.Protocol} on {r.HostIp}:{r.HostPort}: app bound {Shown(r.AppBindAddress)} ({r.AppBindScope}), request {r.Reachable}, {r.Status}").ToArray();
            var worst = results.OrderByDescending(r => r.Status).First();
            var finding = $"container {worst.Container} ({engine}) publishes port {port} from its port {worst.ContainerPort}: {worst.Finding}";
            return StepVerdict.From(worst.Status, finding, evidence);
        }
        catch (LoopbackToolsException e)
        {
            var remedy = proxies.Length > 0 ? "point DOCKER_HOST at the engine that runs it" : "nothing to check, unless a container publishes this port (then set DOCKER_HOST)";
            return StepVerdict.Skipped($"no container engine answers at {client.Endpoint.Display}{held} - {remedy}", e.Message);
        }
    }

    private static string Shown(string addresses) => addresses.Length == 0 ? "unknown" : addresses;

    /// <summary>Containers whose list entry publishes <paramref name="port"/> on the host over TCP.</summary>
    internal static IReadOnlyList<(string Id, int ContainerPort)> Publishers(JToken list, int port) =>
        ContainerDirectory.ParseList(list)
            .SelectMany(c => c.Published.Where(p => p.Protocol == ListenerProtocol.Tcp && p.HostPort == port && p.ContainerPort > 0).Select(p => (c.Id, p.ContainerPort)))
            .Distinct()
            .ToList();
}
