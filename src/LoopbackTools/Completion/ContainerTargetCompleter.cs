using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace LoopbackTools.Commands.Completion;

/// <summary>Test-ContainerConnection -TargetName: the running containers of -Engine, then the engine's name for the host and localhost.</summary>
public sealed class ContainerTargetCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionList.Safely(() =>
        {
            var (names, engine) = ContainerNameCompleter.RunningContainers(fakeBoundParameters);
            var host = engine?.Product == "Podman" ? "host.containers.internal" : "host.docker.internal";
            return CompletionList.Of(names.Concat(new[] { host, "localhost" }).ToList(), wordToComplete);
        });
}
