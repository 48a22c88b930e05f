using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Containers;

/// <summary>Runs tests/LoopbackTools.ContainerProbe (built next to the tests) in its own process, optionally as nobody.</summary>
public static class ContainerProbeRunner
{
    // nobody must be able to reach the probe: a copy under /tmp, not the checkout (which may sit under /root).
    private static readonly Lazy<string> Folder = new(() => OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("the probe runs on Linux") : PublicProbeCopy.Create("LoopbackTools.ContainerProbe"));

    public static string Dll => Path.Combine(Folder.Value, "LoopbackTools.ContainerProbe.dll");

    public static ProcessResult Run(bool asNobody, params string[] arguments)
    {
        var dotnet = Component.Find("dotnet") ?? "dotnet";
        var command = new List<string>();
        if (asNobody)
        {
            command.AddRange(new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", dotnet });
        }

        command.Add(Dll);
        command.AddRange(arguments);
        var home = Path.Combine(Folder.Value, "home");
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home, ["DOTNET_NOLOGO"] = "1" };
        return Components.Run.Command(asNobody ? Component.Find("setpriv")! : dotnet, command, TimeSpan.FromSeconds(60), environment);
    }
}
