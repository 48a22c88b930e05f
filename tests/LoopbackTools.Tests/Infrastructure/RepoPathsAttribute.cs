namespace LoopbackTools.Tests.Infrastructure;

/// <summary>Build-time paths stamped into the test assembly by the csproj.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepoPathsAttribute : Attribute
{
    public RepoPathsAttribute(string repoRoot, string powerShellReferenceAssembly)
    {
        RepoRoot = repoRoot;
        PowerShellReferenceAssembly = powerShellReferenceAssembly;
    }

    public string RepoRoot { get; }

    public string PowerShellReferenceAssembly { get; }
}
