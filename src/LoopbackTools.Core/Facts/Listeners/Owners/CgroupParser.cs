using System;

namespace LoopbackTools.Listeners.Owners;

/// <summary>
/// Reads /proc/&lt;pid&gt;/cgroup (cgroup(7): "hierarchy-ID:controllers:path" lines; "0::path" is cgroup v2).
/// Containers: Docker names its cgroup docker-&lt;id&gt;.scope (systemd driver) or /docker/&lt;id&gt; (cgroupfs driver);
/// podman libpod-&lt;id&gt;.scope or /libpod_parent/libpod-&lt;id&gt; (libpod-conmon-&lt;id&gt; is podman's monitor, not
/// the container). The service is the innermost *.service unit of the systemd path: the v2 line, else v1's name=systemd.
/// </summary>
internal static class CgroupParser
{
    private const int IdLength = 64;

    public static CgroupMembership Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return CgroupMembership.None;
        }

        string? unified = null;
        string? systemd = null;
        string? containerId = null;
        ContainerEngineFamily? engine = null;
        foreach (var raw in text!.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var first = line.IndexOf(':');
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second < 0)
            {
                continue;
            }

            var controllers = line.Substring(first + 1, second - first - 1);
            var path = line.Substring(second + 1);
            if (line.StartsWith("0::", StringComparison.Ordinal))
            {
                unified = path;
            }
            else if (controllers == "name=systemd")
            {
                systemd = path;
            }

            if (containerId is null && FindContainer(path, out var id, out var family))
            {
                containerId = id;
                engine = family;
            }
        }

        var service = ServiceOf(unified) ?? ServiceOf(systemd);
        return containerId is null && service is null ? CgroupMembership.None : new CgroupMembership(containerId, engine, service);
    }

    /// <summary>The innermost unit of a path decides: a .service is the answer, a .scope (session, container) means none.</summary>
    internal static string? ServiceOf(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var segments = path!.Split('/');
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var segment = segments[i];
            if (segment.EndsWith(".service", StringComparison.Ordinal) && segment.Length > ".service".Length)
            {
                return segment;
            }

            if (segment.EndsWith(".scope", StringComparison.Ordinal) || segment.EndsWith(".slice", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return null;
    }

    internal static bool FindContainer(string path, out string? id, out ContainerEngineFamily? engine)
    {
        var segments = path.Split('/');
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var segment = segments[i];
            if (segment.EndsWith(".scope", StringComparison.Ordinal))
            {
                segment = segment.Substring(0, segment.Length - ".scope".Length);
            }

            if (TryId(segment, "docker-", out id) || (i > 0 && segments[i - 1] == "docker" && TryId(segment, string.Empty, out id)))
            {
                engine = ContainerEngineFamily.Docker;
                return true;
            }

            if (TryId(segment, "libpod-", out id))
            {
                engine = ContainerEngineFamily.Podman;
                return true;
            }
        }

        id = null;
        engine = null;
        return false;
    }

    private static bool TryId(string segment, string prefix, out string? id)
    {
        id = null;
        if (segment.Length != prefix.Length + IdLength || !segment.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = prefix.Length; i < segment.Length; i++)
        {
            var c = segment[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        id = segment.Substring(prefix.Length);
        return true;
    }
}
