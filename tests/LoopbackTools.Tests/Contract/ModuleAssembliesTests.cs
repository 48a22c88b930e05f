using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Contract;

/// <summary>
/// The module folder ships exactly the assemblies docs/decisions.md lists for DnsClient and Newtonsoft.Json, at versions
/// that bind in Windows PowerShell 5.1 without redirects (PowerShell 7 takes its runtime's newer copies of the System.* ones).
/// </summary>
public sealed class ModuleAssembliesTests
{
    /// <summary>The dependency list: every assembly the folder ships, with its version ("module": built here).</summary>
    public static readonly IReadOnlyDictionary<string, string> Shipped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["LoopbackTools"] = "module",
        ["LoopbackTools.Core"] = "module",
        ["DnsClient"] = "1.8.0.0",
        ["Newtonsoft.Json"] = "13.0.0.0",
        ["System.Buffers"] = "4.0.2.0",
        ["Microsoft.Win32.Registry"] = "5.0.0.0",
        ["System.Security.AccessControl"] = "5.0.0.0",
        ["System.Security.Principal.Windows"] = "5.0.0.0",
        ["System.Memory"] = "4.0.1.1",
        ["System.Numerics.Vectors"] = "4.1.3.0",
        ["System.Runtime.CompilerServices.Unsafe"] = "4.0.4.1",
    };

    [Fact]
    public void Module_folder_ships_exactly_the_known_assemblies_at_their_versions()
    {
        var found = ModuleAssemblies.Load(RepoPaths.ModuleFolder).ByName.Values;
        Assert.Equal(Shipped.Keys.Order(StringComparer.OrdinalIgnoreCase), found.Select(a => a.Name).Order(StringComparer.OrdinalIgnoreCase));
        foreach (var assembly in found.Where(a => Shipped[a.Name] != "module"))
        {
            Assert.Equal(Shipped[assembly.Name], assembly.Version.ToString());
        }
    }

    [Fact]
    public void Every_reference_inside_the_folder_binds_without_a_redirect() =>
        Assert.Empty(ModuleAssemblies.Load(RepoPaths.ModuleFolder).CheckReferencesMatchExactly());

    [Fact]
    public void Reference_check_catches_the_system_buffers_of_the_4_5_1_package()
    {
        // The build output keeps the 4.5.1 package's System.Buffers (4.0.3.0), which DnsClient's 4.0.2.0 reference does not bind to.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var output = Path.Combine(RepoPaths.Root, "src", "LoopbackTools", "bin", configuration, "netstandard2.0");
        var folder = Directory.CreateTempSubdirectory("lbt-assemblies-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.ModuleFolder, "DnsClient.dll"), Path.Combine(folder, "DnsClient.dll"));
            File.Copy(Path.Combine(output, "System.Buffers.dll"), Path.Combine(folder, "System.Buffers.dll"));
            var problem = Assert.Single(ModuleAssemblies.Load(folder).CheckReferencesMatchExactly());
            Assert.StartsWith("DnsClient 1.8.0.0 references System.Buffers 4.0.2.0, but the folder ships System.Buffers 4.0.3.0", problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
