using System.Text.Json;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Listeners;

/// <summary>
/// Runs tests/LoopbackTools.ListenerProbe (built with the tests) as another user or in another namespace:
/// things a test process cannot do to itself. The probe is copied to a world-readable folder first.
/// </summary>
public static class ProbeProcess
{
    private static readonly Lazy<string> Folder = new(() => OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("the probe runs on Linux") : PublicProbeCopy.Create("LoopbackTools.ListenerProbe"));

    /// <summary>Runs the probe under <paramref name="prefix"/> (setpriv …, ip netns exec …) and parses its JSON.</summary>
    public static JsonElement Run(IEnumerable<string> prefix, params string[] arguments)
    {
        var dotnet = Component.Find("dotnet") ?? throw new InvalidOperationException("dotnet not on PATH");
        var command = prefix.Concat(new[] { dotnet, Path.Combine(Folder.Value, "LoopbackTools.ListenerProbe.dll") }).Concat(arguments).ToArray();
        var home = Path.Combine(Folder.Value, "home");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        var result = Components.Run.Command(command[0], command.Skip(1), TimeSpan.FromSeconds(60), environment).EnsureSuccess("listener probe");
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }
}
