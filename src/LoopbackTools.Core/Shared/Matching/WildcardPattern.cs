using System;
using System.Collections.Generic;

namespace LoopbackTools.Matching;

/// <summary>
/// The one wildcard engine of every cmdlet (host names, process names, container names), with PowerShell's
/// WildcardPattern rules: <c>*</c> any run, <c>?</c> one character, <c>[abc]</c> / <c>[a-z]</c> one of a set,
/// a backtick makes the next character literal; case-insensitive. Core has no PowerShell reference, hence its own.
/// A pattern with an unclosed <c>[</c> is invalid in PowerShell; here it matches nothing.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string _pattern;
    private readonly Token[]? _tokens;

    public WildcardPattern(string pattern)
    {
        _pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        _tokens = Compile(pattern);
    }

    /// <summary>True when <paramref name="pattern"/> has an unescaped *, ? or [ (PowerShell's ContainsWildcardCharacters).</summary>
    public static bool ContainsWildcards(string? pattern)
    {
        if (pattern is null)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '`':
                    i++;
                    break;
                case '*' or '?' or '[':
                    return true;
            }
        }

        return false;
    }

    public static bool IsMatch(string? text, string pattern) => new WildcardPattern(pattern).IsMatch(text);

    public bool IsMatch(string? text)
    {
        if (text is null || _tokens is null)
        {
            return false;
        }

        // Greedy match that backtracks only to the last '*': linear for one star, never exponential.
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < _tokens.Length && _tokens[p].Kind != TokenKind.Star && _tokens[p].Matches(text[t]))
            {
                p++;
                t++;
            }
            else if (p < _tokens.Length && _tokens[p].Kind == TokenKind.Star)
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < _tokens.Length && _tokens[p].Kind == TokenKind.Star)
        {
            p++;
        }

        return p == _tokens.Length;
    }

    public override string ToString() => _pattern;

    private static Token[]? Compile(string pattern)
    {
        var tokens = new List<Token>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    if (tokens.Count == 0 || tokens[tokens.Count - 1].Kind != TokenKind.Star)
                    {
                        tokens.Add(Token.Star);
                    }

                    break;
                case '?':
                    tokens.Add(Token.Any);
                    break;
                case '[':
                    var set = ReadSet(pattern, ref i);
                    if (set is null)
                    {
                        return null;
                    }

                    tokens.Add(set);
                    break;
                case '`' when i + 1 < pattern.Length:
                    tokens.Add(Token.Literal(pattern[++i]));
                    break;
                default:
                    tokens.Add(Token.Literal(c));
                    break;
            }
        }

        return tokens.ToArray();
    }

    /// <summary>Reads <c>[...]</c> starting at <paramref name="i"/> (the '['); leaves <paramref name="i"/> on the ']'.</summary>
    private static Token? ReadSet(string pattern, ref int i)
    {
        var members = new List<char>();
        var ranges = new List<(char From, char To)>();
        for (var j = i + 1; j < pattern.Length; j++)
        {
            var c = pattern[j];
            if (c == ']')
            {
                i = j;
                return Token.Set(members, ranges);
            }

            if (c == '`' && j + 1 < pattern.Length)
            {
                c = pattern[++j];
            }

            if (j + 2 < pattern.Length && pattern[j + 1] == '-' && pattern[j + 2] != ']')
            {
                var to = pattern[j + 2];
                j += 2;
                if (to == '`' && j + 1 < pattern.Length)
                {
                    to = pattern[++j];
                }

                ranges.Add((char.ToUpperInvariant(c), char.ToUpperInvariant(to)));
            }
            else
            {
                members.Add(char.ToUpperInvariant(c));
            }
        }

        return null;
    }

    private enum TokenKind
    {
        Literal,
        Any,
        Star,
        Set,
    }

    private sealed class Token
    {
        private readonly char _literal;
        private readonly char[] _members;
        private readonly (char From, char To)[] _ranges;

        private Token(TokenKind kind, char literal, char[] members, (char From, char To)[] ranges)
        {
            Kind = kind;
            _literal = literal;
            _members = members;
            _ranges = ranges;
        }

        public static Token Star { get; } = new(TokenKind.Star, '\0', Array.Empty<char>(), Array.Empty<(char, char)>());

        public static Token Any { get; } = new(TokenKind.Any, '\0', Array.Empty<char>(), Array.Empty<(char, char)>());

        public TokenKind Kind { get; }

        public static Token Literal(char c) => new(TokenKind.Literal, char.ToUpperInvariant(c), Array.Empty<char>(), Array.Empty<(char, char)>());

        public static Token Set(List<char> members, List<(char From, char To)> ranges) => new(TokenKind.Set, '\0', members.ToArray(), ranges.ToArray());

        public bool Matches(char c)
        {
            switch (Kind)
            {
                case TokenKind.Any:
                    return true;
                case TokenKind.Literal:
                    return _literal == char.ToUpperInvariant(c);
                case TokenKind.Set:
                    var upper = char.ToUpperInvariant(c);
                    foreach (var member in _members)
                    {
                        if (member == upper)
                        {
                            return true;
                        }
                    }

                    foreach (var (from, to) in _ranges)
                    {
                        if (upper >= from && upper <= to)
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
    }
}
