using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Containers;

/// <summary>Runs tests/LoopbackTools.ContainerProbe (built next to the tests) in its own process, optionally as nobody.</summary>
public static class ContainerProbeRunner
{
    public static string Dll
    {
        get
        {
            // The tests run from tests/LoopbackTools.Tests/bin/<Config>/net10.0/; the probe builds to the same layout.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
            var dll = Path.Combine(Infrastructure.RepoPaths.Root, "tests", "LoopbackTools.ContainerProbe", "bin", configuration, "net10.0", "LoopbackTools.ContainerProbe.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build the solution first: probe not found", dll);
        }
    }

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
        var environment = new Dictionary<string, string> { ["HOME"] = Path.GetTempPath(), ["DOTNET_CLI_HOME"] = Path.GetTempPath(), ["DOTNET_NOLOGO"] = "1" };
        return Components.Run.Command(asNobody ? Component.Find("setpriv")! : dotnet, command, TimeSpan.FromSeconds(60), environment);
    }
}
