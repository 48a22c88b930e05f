using System;
using System.Collections.Generic;
using System.Threading;

namespace LoopbackTools.Binding;

/// <summary>What decides whether a server may bind a port nothing listens on, read once for the Bind step.</summary>
internal sealed class PortBindFacts
{
    public PortBindFacts(LinuxPortSysctls? sysctls, IReadOnlyList<HeldPortSocket>? held, WindowsPortExclusions? windows)
    {
        Sysctls = sysctls;
        Held = held;
        Windows = windows;
    }

    /// <summary>Linux only: the sysctls of this network namespace.</summary>
    public LinuxPortSysctls? Sysctls { get; }

    /// <summary>Linux only: non-listening sockets whose local end is the port; null when they cannot be read.</summary>
    public IReadOnlyList<HeldPortSocket>? Held { get; }

    /// <summary>Windows only: excluded and dynamic port ranges.</summary>
    public WindowsPortExclusions? Windows { get; }

    /// <summary>The Linux facts (cheap: three files and one sock_diag dump); Windows' come from <see cref="WithWindows"/>.</summary>
    public static PortBindFacts Read(int port, CancellationToken cancellationToken)
    {
        var linux = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux);
        return new PortBindFacts(linux ? LinuxPortSysctls.Read() : null, HeldPortScanner.Scan(port, cancellationToken), null);
    }

    /// <summary>Adds Windows' exclusions (two netsh runs, so only when nothing listens); unchanged elsewhere.</summary>
    public PortBindFacts WithWindows(TimeSpan timeout) => WindowsPortExclusions.Read(timeout) is { } windows ? new PortBindFacts(Sysctls, Held, windows) : this;
}
