using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Components;

/// <summary>
/// A copy of a probe program (a test project built beside the tests) in a fresh world-readable folder under /tmp.
/// A probe run as nobody cannot use the built copy: the checkout may sit under a folder only root may enter.
/// </summary>
public static class PublicProbeCopy
{
    /// <summary>Copies tests/<paramref name="project"/>'s build output; returns the folder (with a writable home/ for the probe).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string Create(string project)
    {
        // The tests run from tests/LoopbackTools.Tests/bin/<Config>/net10.0/; the probes build to the same layout.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var built = Path.Combine(RepoPaths.Root, "tests", project, "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(built, project + ".dll")))
        {
            throw new FileNotFoundException("build the solution first: probe not found", Path.Combine(built, project + ".dll"));
        }

        var target = Directory.CreateTempSubdirectory("lbt-probe-").FullName;
        foreach (var file in Directory.GetFiles(built))
        {
            var copy = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var home = Directory.CreateDirectory(Path.Combine(target, "home")).FullName;
        File.SetUnixFileMode(home, (UnixFileMode)0x1ff); // 0777: the probe may run as nobody
        File.SetUnixFileMode(target, (UnixFileMode)0x1ed); // 0755
        return target;
    }
}
