using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LoopbackTools.Trust;

/// <summary>
/// What the trust readers see: environment variables, the home folder and the file system. Tests give their own
/// variables and map well-known paths (the system bundle) to copies, exactly as they bind-mount those copies for
/// the real clients they compare with.
/// </summary>
internal sealed class TrustEnvironment
{
    private readonly IReadOnlyDictionary<string, string>? _variables;
    private readonly IReadOnlyDictionary<string, string> _paths;

    public TrustEnvironment(IReadOnlyDictionary<string, string>? variables = null, string? home = null, IReadOnlyDictionary<string, string>? paths = null)
    {
        _variables = variables;
        _paths = paths ?? new Dictionary<string, string>();
        Home = home ?? Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    public static TrustEnvironment Current() => new();

    public string Home { get; }

    /// <summary>A variable's value; null when unset or empty (clients treat an empty value as unset).</summary>
    public string? Variable(string name)
    {
        var value = _variables is null ? Environment.GetEnvironmentVariable(name) : (_variables.TryGetValue(name, out var given) ? given : null);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Where a well-known path is read from (itself, unless a test mapped it).</summary>
    public string Path(string path) => _paths.TryGetValue(path, out var mapped) ? mapped : path;

    /// <summary>A program on PATH (the given PATH when the variables were given), or null.</summary>
    public string? Program(string name)
    {
        var path = Variable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        return path.Split(System.IO.Path.PathSeparator)
            .Where(d => d.Length > 0)
            .Select(d => System.IO.Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
    }
}
