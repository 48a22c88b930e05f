namespace LoopbackTools.Tests.Components;

/// <summary>
/// glibc's answer for one name: getaddrinfo's addresses (sorted: it orders them by RFC 6724) and nss_files'
/// addresses in file order, each "4:a.b.c.d" or "6:&lt;32 hex digits&gt;".
/// </summary>
public sealed record GlibcAnswer(IReadOnlyList<string> Getaddrinfo, IReadOnlyList<string> NssFiles)
{
    public static GlibcAnswer Parse(string line)
    {
        // "R <gai> | <nss>"
        var parts = line.Substring(2).Split(" | ");
        return new GlibcAnswer(List(parts[0]), List(parts[1]));
    }

    private static IReadOnlyList<string> List(string text) => text == "-" ? Array.Empty<string>() : text.Split(',');
}
