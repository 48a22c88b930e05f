using LoopbackTools.Binding;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Binding;

/// <summary>netsh runs from System32, never by bare name (a netsh.exe in the current folder would run elevated; issue 29).</summary>
public sealed class NetshPathTests
{
    [Fact]
    public void Netsh_is_taken_from_the_system_folder()
    {
        var system = Path.Combine("C:", "Windows", "System32");
        Assert.Equal(Path.Combine(system, "netsh.exe"), WindowsPortExclusions.NetshPath(system));
        Assert.EndsWith(Path.Combine("System32", "netsh.exe"), WindowsPortExclusions.NetshPath(string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void No_process_is_started_by_the_bare_name_netsh()
    {
        var starts = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("ProcessStartInfo(\"netsh\"", StringComparison.Ordinal));
        Assert.Empty(starts);
    }
}
