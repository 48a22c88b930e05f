using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using LoopbackTools.Resolution;

namespace LoopbackTools.Commands.Completion;

/// <summary>
/// -Name/-HostName of the connection and resolution checks: localhost, then the names and aliases of this OS's hosts
/// file (the names a developer points at 127.0.0.1).
/// </summary>
public sealed class TargetNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionList.Safely(() =>
        {
            var names = HostNameCompleter.Entries(null).SelectMany(e => e.Aliases.Prepend(e.HostName));
            return CompletionList.Of(names.Prepend(LocalhostNames.Localhost), wordToComplete);
        });
}
