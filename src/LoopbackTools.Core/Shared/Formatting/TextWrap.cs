using System;
using System.Collections.Generic;
using System.Text;

namespace LoopbackTools.Formatting;

/// <summary>
/// Word wrap for the module's custom views. PowerShell's own wrapping (table, list and custom views) breaks lines
/// at the column, inside words, so the views hand it lines that are already short enough.
/// </summary>
public static class TextWrap
{
    /// <summary>
    /// The widest line the views write: fits an 80-column terminal with a column to spare (a line of exactly the
    /// terminal's width makes some terminals wrap an empty line), and prose stays readable at 120.
    /// </summary>
    public const int ViewWidth = 79;

    /// <summary>
    /// Wraps <paramref name="text"/> at spaces so that no line (prefix included) is wider than <paramref name="width"/>;
    /// a word longer than the room stands alone on its line, whole. Lines are joined with "\n".
    /// </summary>
    /// <param name="firstPrefix">Written before the first line.</param>
    /// <param name="nextPrefix">Written before every following line (a hanging indent).</param>
    public static string Wrap(string? text, int width, string? firstPrefix, string? nextPrefix)
    {
        var first = firstPrefix ?? string.Empty;
        var next = nextPrefix ?? string.Empty;
        var words = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var line = new StringBuilder(first);
        var wordsOnLine = 0;
        foreach (var word in words)
        {
            if (wordsOnLine > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(next);
                wordsOnLine = 0;
            }

            if (wordsOnLine > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
            wordsOnLine++;
        }

        lines.Add(line.ToString().TrimEnd());
        return string.Join("\n", lines);
    }

    /// <summary>
    /// One record of a custom view: <paramref name="columns"/> (fixed-width cells such as the status) then
    /// <paramref name="summary"/>, wrapped two columns further in than it starts; then <paramref name="finding"/> on its own lines, indented
    /// by <see cref="FindingIndent"/>. Every line fits <see cref="ViewWidth"/>.
    /// </summary>
    public static string Entry(string? columns, string? summary, string? finding)
    {
        var head = columns ?? string.Empty;
        return Wrap(summary, ViewWidth, head, new string(' ', head.Length + 2)) + "\n" + Indent(finding, FindingIndent);
    }

    /// <summary>Where a finding's lines start: under the text after a five-character status ("Pass ", "Error").</summary>
    public const int FindingIndent = 6;

    /// <summary><see cref="Wrap(string, int, string, string)"/> at <see cref="ViewWidth"/>, every line indented by <paramref name="indent"/> spaces.</summary>
    public static string Indent(string? text, int indent)
    {
        var prefix = new string(' ', Math.Max(0, indent));
        return Wrap(text, ViewWidth, prefix, prefix);
    }
}
