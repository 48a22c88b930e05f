using System.Diagnostics;

namespace LoopbackTools.Tests.Hosts;

/// <summary>Starts tests/LoopbackTools.HostsWriterProbe (built beside this assembly's configuration) as a real separate writer.</summary>
public static class WriterProbe
{
    public const int Conflict = 3;

    /// <summary>bin/&lt;Configuration&gt;/net10.0 of the probe, matching this test assembly's configuration.</summary>
    public static string AssemblyPath
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            var testsFolder = output.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(testsFolder, "LoopbackTools.HostsWriterProbe", "bin", configuration, output.Name, "LoopbackTools.HostsWriterProbe.dll");
        }
    }

    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AssemblyPath);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("cannot start the writer probe");
    }

    /// <summary>Reads the probe's first line, which must be "ready" (a crash shows its error output instead).</summary>
    public static void WaitReady(Process probe)
    {
        var line = probe.StandardOutput.ReadLine();
        if (line != "ready")
        {
            probe.WaitForExit(10_000);
            throw new InvalidOperationException($"writer probe said '{line}' instead of ready: {probe.StandardError.ReadToEnd()}");
        }
    }
}
