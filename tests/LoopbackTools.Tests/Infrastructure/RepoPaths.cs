using System.Reflection;

namespace LoopbackTools.Tests.Infrastructure;

public static class RepoPaths
{
    private static readonly RepoPathsAttribute Stamp =
        typeof(RepoPaths).Assembly.GetCustomAttribute<RepoPathsAttribute>() ?? throw new InvalidOperationException("RepoPaths not stamped");

    public static string Root => Stamp.RepoRoot;

    /// <summary>The packaged module folder that `dotnet build` assembles.</summary>
    public static string ModuleFolder => Path.Combine(Root, "out", "LoopbackTools");

    public static string PowerShellReferenceAssembly => Stamp.PowerShellReferenceAssembly;

    /// <summary>A file shipped with the tests under Fixtures/.</summary>
    public static string Fixture(params string[] parts) =>
        Path.Combine(new[] { AppContext.BaseDirectory, "Fixtures" }.Concat(parts).ToArray());
}
