using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Containers;

namespace LoopbackTools.Commands.Completion;

/// <summary>
/// Test-ContainerPort -Port: the ports the containers being typed (-Name, else every running one) expose or publish,
/// "web 8080/tcp -> 127.0.0.1:18080" as tool tip; the host's TCP listening ports when the engine lists none.
/// </summary>
public sealed class ContainerPortCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var ports = CompletionList.Safely(() => EnginePorts(fakeBoundParameters)).ToDictionary(p => p.Key, p => p.Value);
        return ports.Count > 0
            ? CompletionList.Of(ports.Keys, wordToComplete, port => ports[port]).OrderBy(r => int.Parse(r.CompletionText, CultureInfo.InvariantCulture)).ToList()
            : new ListeningPortCompleter().CompleteArgument(commandName, parameterName, wordToComplete, commandAst, fakeBoundParameters);
    }

    /// <summary>Each container port of the -Name containers (else every running one), with what exposes or publishes it.</summary>
    private static Dictionary<string, string> EnginePorts(IDictionary? fakeBoundParameters)
    {
        using var limit = new CancellationTokenSource(ContainerNameCompleter.Timeout);
        var client = ContainerNameCompleter.Client(fakeBoundParameters);
        var named = fakeBoundParameters?["Name"] is { } name ? ToStrings(name) : null;
        var containers = Task.Run(
            async () =>
            {
                var names = named ?? await client.ListRunningContainerNamesAsync(limit.Token).ConfigureAwait(false);
                var inspected = new List<ContainerInspection>();
                foreach (var container in names)
                {
                    inspected.Add(await client.InspectContainerAsync(container, limit.Token).ConfigureAwait(false));
                }

                return inspected;
            },
            limit.Token).GetAwaiter().GetResult();
        return containers
            .SelectMany(c => c.Ports.Select(p => (Port: p.Port.ToString(CultureInfo.InvariantCulture), Text: Describe(c.Name, p))))
            .GroupBy(p => p.Port)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p.Text)));
    }

    private static List<string> ToStrings(object value) =>
        value is string one ? new List<string> { one } : ((IEnumerable)value).Cast<object?>().Select(v => v?.ToString() ?? string.Empty).Where(v => v.Length > 0).ToList();

    private static string Describe(string container, ContainerPortSpec port)
    {
        var bindings = port.Bindings.Select(b => (b.HostIp.Contains(':') ? "[" + b.HostIp + "]" : b.HostIp) + ":" + b.HostPort.ToString(CultureInfo.InvariantCulture));
        var published = port.Bindings.Count > 0 ? " -> " + string.Join(", ", bindings) : " (not published)";
        return container + " " + port.Port.ToString(CultureInfo.InvariantCulture) + "/" + port.Protocol + published;
    }
}
