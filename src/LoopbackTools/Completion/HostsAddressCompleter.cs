using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace LoopbackTools.Commands.Completion;

/// <summary>
/// The address parameter of the hosts cmdlets: 127.0.0.1 and ::1, then the addresses in the hosts file the command
/// line's -Path/-LiteralPath names (else this OS's), each with the names on its lines as tool tip.
/// </summary>
public sealed class HostsAddressCompleter : IArgumentCompleter
{
    private static readonly string[] Loopback = { "127.0.0.1", "::1" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionList.Safely(() =>
        {
            var namesByAddress = HostNameCompleter.Entries(fakeBoundParameters)
                .GroupBy(e => e.IPAddress, System.StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(" ", g.SelectMany(e => e.Aliases.Prepend(e.HostName)).Distinct()), System.StringComparer.OrdinalIgnoreCase);
            return CompletionList.Of(Loopback.Concat(namesByAddress.Keys), wordToComplete, a => namesByAddress.TryGetValue(a, out var names) ? a + " " + names : a);
        });
}
