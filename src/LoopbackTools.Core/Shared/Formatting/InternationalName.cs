using System;
using System.Globalization;

namespace LoopbackTools.Formatting;

/// <summary>
/// International host names (IDNA) both ways: the ASCII "punycode" form resolvers are asked for
/// (<c>bücher.test</c> is looked up as <c>xn--bcher-kva.test</c>) and the Unicode form people read.
/// </summary>
public static class InternationalName
{
    private const string AcePrefix = "xn--";

    /// <summary>The ASCII form of <paramref name="name"/> (itself when it is ASCII); null when it is no valid international name.</summary>
    public static string? ToAscii(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (IsAscii(name))
        {
            return name;
        }

        try
        {
            return new IdnMapping().GetAscii(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The Unicode form of a name with punycode labels; the name itself when it has none or they do not decode.</summary>
    public static string ToUnicode(string name)
    {
        if (string.IsNullOrEmpty(name) || name.IndexOf(AcePrefix, StringComparison.OrdinalIgnoreCase) < 0)
        {
            return name ?? string.Empty;
        }

        try
        {
            return new IdnMapping().GetUnicode(name);
        }
        catch (ArgumentException)
        {
            return name;
        }
    }

    /// <summary>For views: <c>xn--bcher-kva.test (bücher.test)</c>, or the name alone when it reads the same.</summary>
    public static string WithUnicode(string name)
    {
        var unicode = ToUnicode(name);
        return string.Equals(unicode, name, StringComparison.OrdinalIgnoreCase) ? name : name + " (" + unicode + ")";
    }

    public static bool IsAscii(string text)
    {
        foreach (var c in text ?? string.Empty)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
