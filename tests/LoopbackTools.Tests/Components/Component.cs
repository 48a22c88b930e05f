namespace LoopbackTools.Tests.Components;

/// <summary>
/// Where real components come from and whether the run may skip them: with CI=true a missing
/// component is a failure (the fixture throws), elsewhere dependent tests are skipped with the reason.
/// </summary>
public static class Component
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>Full path of a program on PATH (or in sbin, where Debian puts daemons), else null.</summary>
    public static string? Find(string program)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/usr/sbin", "/sbin", "/usr/local/sbin" });
        return dirs.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    /// <summary>Why the named components cannot be used here, or null when all are present.</summary>
    public static string? MissingReason(IEnumerable<string> programs, bool needsRoot)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "real-component tests run on Linux only";
        }

        if (needsRoot && !IsRoot)
        {
            return "needs root (run the sealed test script as root)";
        }

        var missing = programs.Where(p => Find(p) is null).ToArray();
        return missing.Length == 0 ? null : "not installed: " + string.Join(", ", missing) + " (apt-get install dnsmasq-base docker.io busybox-static iproute2)";
    }

    /// <summary>
    /// The Skip text of a RequiresFact/RequiresTheory: the missing component outside CI; on Linux under CI=true null,
    /// so the test runs and its fixture fails loudly (Linux-only tests still skip on other platforms).
    /// </summary>
    public static string? SkipReason(IEnumerable<string> programs, bool needsRoot)
    {
        var reason = MissingReason(programs, needsRoot);
        return reason is not null && (!IsCi || !OperatingSystem.IsLinux()) ? reason : null;
    }

    /// <summary>Throws when the components are missing; fixtures call it so CI fails instead of skipping.</summary>
    public static void Require(IEnumerable<string> programs, bool needsRoot)
    {
        var reason = MissingReason(programs, needsRoot);
        if (reason is not null)
        {
            throw new InvalidOperationException("Required component unavailable: " + reason);
        }
    }
}
