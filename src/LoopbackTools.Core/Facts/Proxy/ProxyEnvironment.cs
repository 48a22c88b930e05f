using System;
using System.Collections;
using System.Collections.Generic;

namespace LoopbackTools.Proxy;

/// <summary>
/// The proxy variables of a process, by their exact names (curl and Python tell http_proxy from HTTP_PROXY).
/// Built from the process environment, or from a test's dictionary.
/// </summary>
internal sealed class ProxyEnvironment
{
    private static readonly string[] Names =
    {
        "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
        "REQUEST_METHOD", "NODE_USE_ENV_PROXY",
    };

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ProxyEnvironment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        foreach (var pair in variables ?? throw new ArgumentNullException(nameof(variables)))
        {
            if (Array.IndexOf(Names, pair.Key) >= 0 && !string.IsNullOrEmpty(pair.Value))
            {
                _values[pair.Key] = pair.Value;
            }
        }
    }

    /// <summary>This process's variables (on Windows the names are case-insensitive, so both cases read the one value).</summary>
    public static ProxyEnvironment Current()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                pairs.Add(new KeyValuePair<string, string>(key, value));
            }
        }

        return new ProxyEnvironment(pairs);
    }

    /// <summary>The first of <paramref name="names"/> that is set, with its name; null when none is.</summary>
    public ProxySource? First(params string[] names)
    {
        foreach (var name in names)
        {
            if (_values.TryGetValue(name, out var value))
            {
                return new ProxySource(name, value);
            }
        }

        return null;
    }

    public bool IsSet(string name) => _values.ContainsKey(name);

    /// <summary>The set variables as "name=value", for evidence.</summary>
    public IEnumerable<string> Shown()
    {
        foreach (var name in Names)
        {
            if (_values.TryGetValue(name, out var value))
            {
                yield return name + "=" + value;
            }
        }
    }
}
