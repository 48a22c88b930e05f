using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LoopbackTools.Connection;

namespace LoopbackTools.Waiting;

/// <summary>The HTTP statuses Wait-LocalhostConnection -Http accepts: codes and inclusive ranges such as "200-399".</summary>
internal sealed class HttpStatusSet
{
    private readonly (int Low, int High)[] _ranges;

    private HttpStatusSet((int Low, int High)[] ranges)
    {
        _ranges = ranges;
    }

    /// <exception cref="Diagnostics.LoopbackToolsException">Connection.InvalidStatusCode.</exception>
    public static HttpStatusSet Parse(IEnumerable<string> items)
    {
        var ranges = new List<(int, int)>();
        foreach (var item in (items ?? Array.Empty<string>()).SelectMany(i => (i ?? string.Empty).Split(',')))
        {
            var text = item.Trim();
            var dash = text.IndexOf('-', 1 < text.Length ? 1 : 0);
            var lowText = dash > 0 ? text.Substring(0, dash) : text;
            var highText = dash > 0 ? text.Substring(dash + 1) : text;
            if (!TryCode(lowText, out var low) || !TryCode(highText, out var high) || high < low)
            {
                throw ConnectionErrors.InvalidStatusCode(item);
            }

            ranges.Add((low, high));
        }

        if (ranges.Count == 0)
        {
            throw ConnectionErrors.InvalidStatusCode(string.Empty);
        }

        return new HttpStatusSet(ranges.ToArray());
    }

    public bool Contains(int status) => _ranges.Any(r => status >= r.Low && status <= r.High);

    public override string ToString() => string.Join(", ", _ranges.Select(r => r.Low == r.High
        ? r.Low.ToString(CultureInfo.InvariantCulture)
        : string.Format(CultureInfo.InvariantCulture, "{0}-{1}", r.Low, r.High)));

    private static bool TryCode(string text, out int code) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out code) && code >= 100 && code <= 999;
}
