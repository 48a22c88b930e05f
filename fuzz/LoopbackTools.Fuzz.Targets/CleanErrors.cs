using LoopbackTools.Diagnostics;

namespace LoopbackTools.Fuzz;

/// <summary>Runs a parser and lets through only the clean errors its documentation and callers promise.</summary>
public static class CleanErrors
{
    /// <summary>Runs <paramref name="parse"/>; a LoopbackToolsException with one of <paramref name="errorIds"/> is expected, anything else escapes.</summary>
    public static void Allow(Action parse, params string[] errorIds)
    {
        try
        {
            parse();
        }
        catch (LoopbackToolsException e) when (errorIds.Contains(e.ErrorId, StringComparer.Ordinal))
        {
            // The parser refused the bytes the way it documents: not a finding.
        }
    }
}
