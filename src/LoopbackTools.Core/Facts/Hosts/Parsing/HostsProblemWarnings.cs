using System.Globalization;

namespace LoopbackTools.Hosts;

/// <summary>
/// How many problem lines Get-HostsEntry shows as warnings before it only counts them: a file with 2,000 malformed
/// lines would otherwise print 2,000 warnings and bury the entries. -Strict (errors) and -Verbose show every one.
/// </summary>
public static class HostsProblemWarnings
{
    /// <summary>Problem lines shown one warning each; the rest are summed up in <see cref="Omitted"/>.</summary>
    public const int Shown = 20;

    /// <summary>The warning that stands for the problem lines not shown.</summary>
    public static string Omitted(string path, int count) => string.Format(
        CultureInfo.InvariantCulture,
        "{0}: {1} more problem line(s) not shown; Get-HostsEntry -Strict or -Verbose lists every one.",
        path,
        count);
}
