using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Containers;

namespace LoopbackTools.Commands.Completion;

/// <summary>Test-ContainerConnection -TargetName: the running containers of -Engine, then the engine's name for the host and localhost.</summary>
public sealed class ContainerTargetCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionList.Safely(() =>
        {
            var engine = CompletionList.FirstString(fakeBoundParameters?["Engine"]);
            using var limit = new CancellationTokenSource(Timeout);
            var client = new DockerApiClient(DockerEndpoint.ForThisMachine(engine), Timeout);
            var names = Task.Run(() => client.ListRunningContainerNamesAsync(limit.Token), limit.Token).GetAwaiter().GetResult();
            var host = client.Engine?.Product == "Podman" ? "host.containers.internal" : "host.docker.internal";
            return CompletionList.Of(names.Concat(new[] { host, "localhost" }).ToList(), wordToComplete);
        });
}
