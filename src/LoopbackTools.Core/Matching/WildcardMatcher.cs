using System;

namespace LoopbackTools.Matching;

/// <summary>
/// PowerShell-style wildcards (* any run, ? one character, [abc] / [a-z] one of a set), case-insensitive.
/// Core has no PowerShell reference, so WildcardPattern is not available here.
/// </summary>
internal static class WildcardMatcher
{
    public static bool IsMatch(string? text, string pattern)
    {
        if (text is null)
        {
            return false;
        }

        return Match(text.ToUpperInvariant(), 0, pattern.ToUpperInvariant(), 0);
    }

    private static bool Match(string text, int t, string pattern, int p)
    {
        // Iterative for runs of plain characters, recursive only at '*': bounded by pattern length.
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                if (p == pattern.Length)
                {
                    return true;
                }

                for (var i = t; i <= text.Length; i++)
                {
                    if (Match(text, i, pattern, p))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= text.Length)
            {
                return false;
            }

            if (c == '[')
            {
                var close = pattern.IndexOf(']', p + 1);
                if (close < 0)
                {
                    return false;
                }

                if (!InSet(text[t], pattern, p + 1, close))
                {
                    return false;
                }

                p = close + 1;
                t++;
                continue;
            }

            if (c == '`' && p + 1 < pattern.Length)
            {
                c = pattern[++p]; // escaped literal
            }
            else if (c == '?')
            {
                p++;
                t++;
                continue;
            }

            if (text[t] != c)
            {
                return false;
            }

            p++;
            t++;
        }

        return t == text.Length;
    }

    private static bool InSet(char value, string pattern, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                if (value >= pattern[i] && value <= pattern[i + 2])
                {
                    return true;
                }

                i += 2;
            }
            else if (pattern[i] == value)
            {
                return true;
            }
        }

        return false;
    }
}
