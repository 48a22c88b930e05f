using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Listeners.Owners;

/// <summary>
/// Asks every local engine that may run containers for its running containers, all at once, each request bounded
/// by a short timeout. An engine that is absent, refuses, is slow or answers nonsense is skipped silently: the
/// listener rows then simply have no container name.
/// </summary>
internal static class ContainerEngineLookup
{
    /// <summary>
    /// For the whole lookup (/version, then /containers/json, every engine at once). A running engine answers in
    /// milliseconds, but podman's API service answers its first request after start-up (socket activation) in about
    /// a second, more on a loaded machine; only a hung engine costs the whole deadline.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    public static ContainerDirectory Query(IEnumerable<DockerEndpoint> endpoints, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var distinct = endpoints.GroupBy(e => e.Display, StringComparer.Ordinal).Select(g => g.First()).ToList();
        if (distinct.Count == 0)
        {
            return ContainerDirectory.Empty;
        }

        // Task.Run: the client is async; blocking on it from a caller with a synchronization context could deadlock.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var lists = Task.Run(() => Task.WhenAll(distinct.Select(e => ListAsync(e, timeout, deadline.Token, cancellationToken))), cancellationToken).GetAwaiter().GetResult();
        return new ContainerDirectory(lists.SelectMany(l => l));
    }

    /// <summary>
    /// DOCKER_HOST when set, then the engines' usual sockets that exist here: Docker's, rootful and rootless podman's,
    /// rootless Docker's; on Windows Docker's and podman machine's pipes.
    /// </summary>
    public static IReadOnlyList<DockerEndpoint> DefaultEndpoints()
    {
        var found = new List<DockerEndpoint>();
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            try
            {
                found.Add(DockerEndpoint.Parse(dockerHost!));
            }
            catch (LoopbackToolsException)
            {
                // a malformed or remote DOCKER_HOST: Test-ContainerPort reports it; here it just names nothing
            }
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            found.Add(DockerEndpoint.Parse("npipe://" + DockerEndpoint.DefaultNamedPipe));
            found.Add(DockerEndpoint.Parse("npipe:////./pipe/podman-machine-default"));
            return found;
        }

        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var sockets = new List<string> { DockerEndpoint.DefaultUnixSocket, "/run/podman/podman.sock" };
        if (!string.IsNullOrEmpty(runtime) && runtime!.StartsWith("/", StringComparison.Ordinal))
        {
            sockets.Add(runtime + "/podman/podman.sock");
            sockets.Add(runtime + "/docker.sock");
        }

        found.AddRange(sockets.Where(File.Exists).Select(DockerEndpoint.Parse));
        return found;
    }

    private static async Task<IReadOnlyList<RunningContainer>> ListAsync(DockerEndpoint endpoint, TimeSpan timeout, CancellationToken deadline, CancellationToken caller)
    {
        try
        {
            var client = new DockerApiClient(endpoint, timeout);
            var json = await client.GetJsonAsync("/containers/json", null, deadline).ConfigureAwait(false);
            return ContainerDirectory.ParseList(json);
        }
        catch (LoopbackToolsException)
        {
            return Array.Empty<RunningContainer>(); // no engine there, no permission, or not an engine
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return Array.Empty<RunningContainer>(); // too slow: the rows go out without container names
        }
    }
}
