using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace LoopbackTools.Commands.Completion;

/// <summary>What every completer of the module shares: prefix filter, order, quoting, and never an exception at Tab.</summary>
public static class CompletionList
{
    /// <summary>The candidates starting with <paramref name="wordToComplete"/> (case-insensitive), sorted, each once.</summary>
    public static IEnumerable<CompletionResult> Of(IEnumerable<string> candidates, string? wordToComplete, Func<string, string>? toolTip = null)
    {
        if (candidates is null)
        {
            throw new ArgumentNullException(nameof(candidates));
        }

        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return candidates
            .Where(c => !string.IsNullOrEmpty(c) && c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(c => c, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, toolTip?.Invoke(c) ?? c))
            .ToList();
    }

    /// <summary>Runs <paramref name="list"/>; any failure (no engine, unreadable file) completes nothing rather than breaking Tab.</summary>
    public static IEnumerable<T> Safely<T>(Func<IEnumerable<T>> list)
    {
        if (list is null)
        {
            throw new ArgumentNullException(nameof(list));
        }

        try
        {
            return list();
        }
#pragma warning disable CA1031 // Tab must never throw: whatever went wrong, there is just nothing to offer.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Array.Empty<T>();
        }
    }

    /// <summary>The first string of a bound value (a string or an array), or null.</summary>
    public static string? FirstString(object? value) => value switch
    {
        string s => s,
        System.Collections.IEnumerable many => many.Cast<object?>().Select(v => v?.ToString()).FirstOrDefault(v => !string.IsNullOrEmpty(v)),
        null => null,
        _ => value.ToString(),
    };

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '@', '#' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";
}
