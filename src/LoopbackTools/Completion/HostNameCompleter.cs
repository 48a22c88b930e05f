using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands.Completion;

/// <summary>-HostName: the names (and aliases) in the hosts file the command line's -Path/-LiteralPath names, else this OS's.</summary>
public sealed class HostNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionList.Safely(() => CompletionList.Of(Entries(fakeBoundParameters).SelectMany(e => e.Aliases.Prepend(e.HostName)), wordToComplete));

    /// <summary>The entries of the hosts file(s) the command line's -Path/-LiteralPath names, else of this OS's file.</summary>
    internal static IEnumerable<HostsEntry> Entries(IDictionary? fakeBoundParameters)
    {
        var literal = CompletionList.FirstString(fakeBoundParameters?["LiteralPath"]);
        var path = literal ?? CompletionList.FirstString(fakeBoundParameters?["Path"]);
        var files = path is null ? new[] { HostsPaths.Default } : Resolve(path, literal is not null);
        return files.Select(HostsDocument.Load).SelectMany(d => d.Entries).ToList();
    }

    // The completer has no SessionState: Resolve-Path in the current runspace gives relative paths, ~ and wildcards.
    private static IEnumerable<string> Resolve(string path, bool literal)
    {
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand(@"Microsoft.PowerShell.Management\Resolve-Path")
            .AddParameter(literal ? "LiteralPath" : "Path", path)
            .AddParameter("ErrorAction", ActionPreference.Ignore);
        return shell.Invoke()
            .Select(r => r.BaseObject)
            .OfType<PathInfo>()
            .Where(p => p.Provider.Name == "FileSystem")
            .Select(p => p.ProviderPath)
            .ToList();
    }
}
