using System;

namespace LoopbackTools.Hosts;

/// <summary>
/// A case-insensitive host name pattern with <c>*</c> (any run of characters) and <c>?</c> (one character);
/// every other character is literal. Implemented here so Core does not need PowerShell's WildcardPattern.
/// </summary>
public sealed class HostNamePattern
{
    private readonly string _pattern;

    public HostNamePattern(string pattern)
    {
        _pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
    }

    public bool IsMatch(string name)
    {
        if (name is null)
        {
            return false;
        }

        // Greedy match that backtracks only to the last '*': linear for patterns with one star, never exponential.
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < _pattern.Length && (_pattern[p] == '?' || SameLetter(_pattern[p], name[n])))
            {
                p++;
                n++;
            }
            else if (p < _pattern.Length && _pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < _pattern.Length && _pattern[p] == '*')
        {
            p++;
        }

        return p == _pattern.Length;
    }

    public override string ToString() => _pattern;

    private static bool SameLetter(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
