namespace LoopbackTools.Formatting;

/// <summary>
/// What the module's view script blocks read from a row, the same for live, remote and Import-Clixml objects.
/// An enum comes back from Import-Clixml as its integer wrapped with the name as its ToString (from remoting, as the
/// name): <c>"$($_.Layer)"</c> and <c>$_.Layer -eq 'Port'</c> then see 1, not Port. Passed to a string parameter,
/// PowerShell converts each form with the object's own ToString, so views read enums through <see cref="Name"/>
/// and never name a live enum type.
/// </summary>
public static class ViewText
{
    /// <summary>The enum's name (or the text) as the view shows and compares it; empty for null.</summary>
    public static string Name(string? value) => value ?? string.Empty;

    /// <summary>
    /// "[computer] " before a remote row's summary, as PowerShell writes the origin of remote errors; empty for a local
    /// row. PowerShell appends a PSComputerName column only to tables (and a line to lists): a custom view says it itself.
    /// </summary>
    /// <param name="showComputerName">The row's PSShowComputerName (false under Invoke-Command -HideComputerName).</param>
    /// <param name="computerName">The row's PSComputerName.</param>
    public static string Origin(bool showComputerName, string? computerName) =>
        showComputerName && !string.IsNullOrEmpty(computerName) ? "[" + computerName + "] " : string.Empty;
}
