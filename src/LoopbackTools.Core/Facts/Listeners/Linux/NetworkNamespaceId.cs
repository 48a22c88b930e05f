using System;
using System.Globalization;

namespace LoopbackTools.Listeners.Linux;

/// <summary>The id of a network namespace: the inode number readlink shows as net:[4026531840].</summary>
internal static class NetworkNamespaceId
{
    /// <summary>The namespace of <paramref name="processId"/>, or of this process when null; null when hidden from us.</summary>
    public static long? Of(int? processId)
    {
        var who = processId is int pid ? pid.ToString(CultureInfo.InvariantCulture) : "self";
        return Parse(LinuxNative.ReadLinkText("/proc/" + who + "/ns/net", out _));
    }

    public static long? Parse(string? link)
    {
        if (link is null || !link.StartsWith("net:[", StringComparison.Ordinal) || !link.EndsWith("]", StringComparison.Ordinal))
        {
            return null;
        }

        return long.TryParse(link.Substring(5, link.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
