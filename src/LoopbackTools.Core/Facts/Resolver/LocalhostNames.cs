using System;

namespace LoopbackTools.Resolution;

/// <summary>Recognises the names RFC 6761 6.3 reserves for loopback.</summary>
public static class LocalhostNames
{
    public const string Localhost = "localhost";

    public static LocalhostNameKind Classify(string name)
    {
        var bare = (name ?? string.Empty).Trim().TrimEnd('.');
        if (string.Equals(bare, Localhost, StringComparison.OrdinalIgnoreCase))
        {
            return LocalhostNameKind.Localhost;
        }

        return bare.EndsWith("." + Localhost, StringComparison.OrdinalIgnoreCase) ? LocalhostNameKind.UnderLocalhost : LocalhostNameKind.Other;
    }

    public static bool MustBeLoopback(string name) => Classify(name) != LocalhostNameKind.Other;
}
