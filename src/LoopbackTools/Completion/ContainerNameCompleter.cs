using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Containers;

namespace LoopbackTools.Commands.Completion;

/// <summary>Test-ContainerPort -Name and Test-ContainerConnection -Name: the running containers of -Engine (else DOCKER_HOST, else the default), asked with a short timeout.</summary>
public sealed class ContainerNameCompleter : IArgumentCompleter
{
    /// <summary>Tab must feel instant: an engine that does not answer within this offers nothing.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionList.Safely(() => CompletionList.Of(RunningContainers(fakeBoundParameters).Names, wordToComplete));

    /// <summary>A client of the -Engine being typed (else DOCKER_HOST, else the default), with the completers' short timeout.</summary>
    internal static DockerApiClient Client(IDictionary? fakeBoundParameters) =>
        new(DockerEndpoint.ForThisMachine(CompletionList.FirstString(fakeBoundParameters?["Engine"])), Timeout);

    /// <summary>The running containers' names on the -Engine being typed (else DOCKER_HOST, else the default), and that engine.</summary>
    internal static (IReadOnlyList<string> Names, EngineInfo? Engine) RunningContainers(IDictionary? fakeBoundParameters)
    {
        using var limit = new CancellationTokenSource(Timeout);
        var client = Client(fakeBoundParameters);
        var names = Task.Run(() => client.ListRunningContainerNamesAsync(limit.Token), limit.Token).GetAwaiter().GetResult();
        return (names, client.Engine);
    }
}
