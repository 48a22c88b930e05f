using LoopbackTools.Containers;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Containers;

/// <summary>Runs the checker against a real engine, retrying while a freshly started app is not listening yet.</summary>
public static class ContainerChecks
{
    public static ContainerPortChecker Checker(string endpoint) =>
        new(new DockerApiClient(DockerEndpoint.Parse(endpoint), TimeSpan.FromSeconds(10)), new ListenerScannerSocketReader());

    /// <summary>busybox httpd needs a moment after `run` returns before it listens.</summary>
    public static Task<IReadOnlyList<ContainerPortResult>> UntilListening(string endpoint, string name, ITestOutputHelper output) =>
        Until(endpoint, new ContainerPortCheckOptions { Containers = new[] { name } }, r => r.AppBindScope != AppBindScope.NotListening, output);

    /// <summary>Checks one container until every row satisfies <paramref name="ready"/> (at most 20 s), logging the rows.</summary>
    public static async Task<IReadOnlyList<ContainerPortResult>> Until(string endpoint, ContainerPortCheckOptions options, Func<ContainerPortResult, bool> ready, ITestOutputHelper output)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var outcome = (await Checker(endpoint).CheckAsync(options, null, CancellationToken.None)).Single();
            Assert.Null(outcome.Error);
            if (outcome.Results.All(ready) || DateTime.UtcNow > deadline)
            {
                foreach (var r in outcome.Results)
                {
                    output.WriteLine($"{r.Container} {r.ContainerPort}/{r.Protocol} {r.HostIp}:{r.HostPort} {r.AppBindScope} {r.Reachable} {r.Status}: {r.Finding}");
                }

                return outcome.Results;
            }

            await Task.Delay(100);
        }
    }
}
