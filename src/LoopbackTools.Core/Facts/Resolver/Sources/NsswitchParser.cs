using System;
using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Resolution.Sources;

/// <summary>
/// Reads the <c>hosts:</c> line of nsswitch.conf(5): services in order, each optionally followed by
/// <c>[STATUS=ACTION ...]</c> (a <c>!</c> before STATUS negates it; <c>merge</c> counts as continue for a lookup
/// that ends at the first answer). Comments start with <c>#</c>; a repeated database line: glibc keeps the first.
/// </summary>
internal static class NsswitchParser
{
    /// <summary>glibc's order when nsswitch.conf has no hosts line (or is missing): <c>dns [!UNAVAIL=return] files</c>.</summary>
    public const string GlibcDefault = "dns [!UNAVAIL=return] files";

    /// <summary>The hosts services, or null when the text has no <c>hosts:</c> line.</summary>
    public static IReadOnlyList<NssSource>? ParseHosts(string text)
    {
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            var hash = raw.IndexOf('#');
            var line = (hash < 0 ? raw : raw.Substring(0, hash)).Trim();
            var colon = line.IndexOf(':');
            if (colon > 0 && string.Equals(line.Substring(0, colon).Trim(), "hosts", StringComparison.OrdinalIgnoreCase))
            {
                return ParseServices(line.Substring(colon + 1));
            }
        }

        return null;
    }

    /// <summary>The services of one database line's value (<c>files myhostname [NOTFOUND=return] dns</c>).</summary>
    public static IReadOnlyList<NssSource> ParseServices(string value)
    {
        var sources = new List<NssSource>();
        var i = 0;
        while (i < value.Length)
        {
            if (char.IsWhiteSpace(value[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < value.Length && !char.IsWhiteSpace(value[i]) && value[i] != '[')
            {
                i++;
            }

            var name = value.Substring(start, i - start).ToLowerInvariant();
            var returnOn = new Dictionary<NssStatus, bool>();
            var actions = new List<string>();
            while (true)
            {
                while (i < value.Length && char.IsWhiteSpace(value[i]))
                {
                    i++;
                }

                if (i >= value.Length || value[i] != '[')
                {
                    break;
                }

                var close = value.IndexOf(']', i);
                var inside = close < 0 ? value.Substring(i + 1) : value.Substring(i + 1, close - i - 1);
                i = close < 0 ? value.Length : close + 1;
                var terms = inside.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                actions.Add("[" + string.Join(" ", terms) + "]");
                foreach (var term in terms)
                {
                    Apply(term, returnOn);
                }
            }

            if (name.Length > 0)
            {
                sources.Add(new NssSource(name, string.Join(" ", new[] { name }.Concat(actions)), returnOn));
            }
        }

        return sources;
    }

    private static void Apply(string term, Dictionary<NssStatus, bool> returnOn)
    {
        var equals = term.IndexOf('=');
        if (equals <= 0)
        {
            return;
        }

        var status = term.Substring(0, equals);
        var stop = NssSource.IsReturn(term.Substring(equals + 1));
        var negated = status.StartsWith("!", StringComparison.Ordinal);
        if (!NssSource.TryParseStatus(negated ? status.Substring(1) : status, out var parsed))
        {
            return;
        }

        if (!negated)
        {
            returnOn[parsed] = stop;
            return;
        }

        // [!UNAVAIL=return]: every status but UNAVAIL returns.
        foreach (var other in new[] { NssStatus.Success, NssStatus.NotFound, NssStatus.Unavail, NssStatus.TryAgain }.Where(s => s != parsed))
        {
            returnOn[other] = stop;
        }
    }
}
