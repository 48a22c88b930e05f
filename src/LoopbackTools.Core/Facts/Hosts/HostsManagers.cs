namespace LoopbackTools.Hosts;

/// <summary>The values of <see cref="HostsEntry.ManagedBy"/>: programs known to rewrite hosts files behind the user.</summary>
public static class HostsManagers
{
    /// <summary>WSL regenerates a distribution's /etc/hosts from the Windows hosts file at every start (microsoft/WSL#3043).</summary>
    public const string Wsl = "WSL";

    /// <summary>Docker Desktop rewrites its section ("# Added by Docker Desktop" to "# End of section") when it starts (docker/for-win#13916).</summary>
    public const string DockerDesktop = "DockerDesktop";

    /// <summary>The Docker Desktop setting that stops it writing the hosts file (Settings, General).</summary>
    public const string DockerDesktopSetting = "Add the *.docker.internal names to the host's /etc/hosts file";
}
