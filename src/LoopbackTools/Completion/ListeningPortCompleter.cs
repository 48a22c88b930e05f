using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using LoopbackTools.Listeners;

namespace LoopbackTools.Commands.Completion;

/// <summary>-Port where a listening port is meant: the TCP ports listening now, the holder's name as tool tip.</summary>
public class ListeningPortCompleter : IArgumentCompleter
{
    /// <summary>Get-LoopbackListener lists UDP sockets too; the connection checks are TCP.</summary>
    protected virtual bool IncludeUdp => false;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionList.Safely(() =>
        {
            var listeners = ListenerScanner.Scan(new ListenerScanOptions { IncludeUdp = IncludeUdp }, CancellationToken.None).Listeners;
            var byPort = listeners.GroupBy(l => l.Port.ToString(CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.ToList());
            return CompletionList.Of(byPort.Keys.OrderBy(p => int.Parse(p, CultureInfo.InvariantCulture)), wordToComplete, port => ToolTip(byPort[port]))
                .OrderBy(r => int.Parse(r.CompletionText, CultureInfo.InvariantCulture))
                .ToList();
        });

    private static string ToolTip(List<LoopbackListener> listeners) =>
        string.Join(", ", listeners.Select(l => $"{l.Protocol} {l.LocalAddress}{(l.Process is null ? string.Empty : " " + l.Process)}").Distinct());
}
