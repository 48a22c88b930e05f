using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using LoopbackTools.Listeners.Windows;

namespace LoopbackTools.Listeners.Owners;

/// <summary>The owner context each platform can give.</summary>
internal static class OwnerContexts
{
    /// <summary>cgroups name the container and the systemd service; proxies are matched by published port.</summary>
    public static OwnerContext Linux(ListenerScanOptions options) =>
        new(ReadCgroup, _ => null, Engines(options), ContainerEngineLookup.DefaultTimeout);

    /// <summary>The SCM's table, read on the first owner asked about; Docker Desktop's proxy by published port.</summary>
    public static OwnerContext Windows(ListenerScanOptions options)
    {
        var services = new Lazy<Dictionary<int, string>>(ServiceControlManager.ServicesByProcess);
        return new(_ => CgroupMembership.None, pid => services.Value.TryGetValue(pid, out var names) ? names : null, Engines(options), ContainerEngineLookup.DefaultTimeout);
    }

    /// <summary>macOS: no cgroups and no service table here; Docker Desktop's proxy by published port.</summary>
    public static OwnerContext ProxiesOnly(ListenerScanOptions options) =>
        new(_ => CgroupMembership.None, _ => null, Engines(options), ContainerEngineLookup.DefaultTimeout);

    internal static CgroupMembership ReadCgroup(int processId)
    {
        try
        {
            return CgroupParser.Parse(File.ReadAllText("/proc/" + processId.ToString(CultureInfo.InvariantCulture) + "/cgroup"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CgroupMembership.None; // the process exited
        }
    }

    private static Func<IReadOnlyList<Containers.DockerEndpoint>> Engines(ListenerScanOptions options) =>
        options.ContainerEngines ?? ContainerEngineLookup.DefaultEndpoints;
}
