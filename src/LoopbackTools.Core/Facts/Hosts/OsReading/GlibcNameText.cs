using System.Globalization;
using LoopbackTools.Formatting;

namespace LoopbackTools.Hosts;

/// <summary>
/// The host-name forms of a hosts line that glibc's nss_files answers the lookups programs make: it compares a
/// question with each name byte for byte, folding only ASCII letters (GlibcHostsFile.SameName). Measured with
/// <c>getent ahosts</c> and Python's <c>getaddrinfo</c> on glibc 2.36 (tests/HostsEditing.Tests.ps1):
/// a line naming <c>dot.test.</c> answers only <c>dot.test.</c>, never <c>dot.test</c> (and a line naming
/// <c>dot.test</c> never answers <c>dot.test.</c>); a name written in UTF-8 (<c>bücher.test</c>) is never found,
/// because getent, Python and browsers encode an international name to punycode (<c>xn--bcher-kva.test</c>) before
/// asking. The editor (HostsInput) and Get-HostsEntry -Strict (HostsOsReading) both judge names here.
/// </summary>
internal static class GlibcNameText
{
    /// <summary>
    /// Null when lookups of <paramref name="name"/> as programs make them find a line naming it; else why not, the
    /// fix, and the form to write instead when there is one that means the same name (the punycode form).
    /// </summary>
    public static (string Reason, string Remedy, string? Rewrite)? WhyNotAsked(string name)
    {
        if (name.Length > 1 && name[name.Length - 1] == '.')
        {
            var bare = name.TrimEnd('.');
            return (
                Format("glibc compares hosts-file names byte for byte, so '{0}' answers only lookups that end in a dot, never the usual '{1}'", name, bare),
                Format("write '{0}' without the final dot", bare),
                null);
        }

        if (InternationalName.IsAscii(name))
        {
            return null;
        }

        var ascii = InternationalName.ToAscii(name);
        return ascii is null
            ? (Format("'{0}' is not ASCII and not a valid international name: glibc compares bytes, and programs ask in ASCII", name), "write the name in ASCII letters, digits and '-'", null)
            : (Format("'{0}' is written in UTF-8: glibc compares bytes, and getent, Python and browsers ask for its punycode form '{1}'", name, ascii), Format("write '{0}' (the punycode form)", ascii), ascii);
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
