using LoopbackTools.Resolution.Sources;

namespace LoopbackTools.Tests.Components;

/// <summary>
/// A fact that loads an NSS module (libnss_NAME.so.2) through a bind-mounted nsswitch.conf, and needs root and unshare.
/// Outside CI a missing module skips with the reason; under CI=true the test runs, and <see cref="Require"/> fails it.
/// </summary>
public sealed class RequiresNssModuleFactAttribute : FactAttribute
{
    public RequiresNssModuleFactAttribute(string module)
    {
        var reason = Component.MissingReason(new[] { "unshare" }, needsRoot: true) ?? MissingReason(module);
        if (reason is not null && (!Component.IsCi || !OperatingSystem.IsLinux()))
        {
            Skip = reason;
        }
    }

    /// <summary>Fails the test when the module is missing (reached only under CI=true, or when it is installed).</summary>
    public static void Require(string module)
    {
        var reason = MissingReason(module);
        Assert.True(reason is null, reason);
    }

    private static string? MissingReason(string module) => OperatingSystem.IsLinux() && !ResolverConfiguration.NssModuleInstalled(module)
        ? $"not installed: libnss_{module}.so.2 (apt-get install libnss-{module})"
        : null;
}
