using System.Text;

namespace LoopbackTools.Hosts;

/// <summary>
/// Checks values given to the editor, so an edit can never write a line the parser would reject, nor one the OS
/// resolver reads otherwise than Get-HostsEntry shows it: addresses and names are judged by the same glibc model
/// (GlibcAddressText, GlibcNameText) that Get-HostsEntry -Strict applies to an existing file (docs/decisions.md 103).
/// </summary>
internal static class HostsInput
{
    /// <summary>An address to write: <c>[::1]</c> loses its brackets; a form glibc skips (zone index, leading zero) is refused.</summary>
    public static AddressInfo Address(string? address)
    {
        var text = GlibcAddressText.WithoutBrackets(address?.Trim() ?? string.Empty);
        var info = AddressInfo.TryCreate(text) ?? throw HostsErrors.InvalidAddress(address ?? string.Empty);
        if (!GlibcAddressText.Reads(text))
        {
            var (reason, remedy) = GlibcAddressText.WhyNot(text);
            throw HostsErrors.UnreadableAddress(address ?? string.Empty, reason, remedy);
        }

        return info;
    }

    /// <summary>An address to find lines by (Remove-HostsEntry -IPAddress): any form the parser reads, so a line glibc skips can still be removed.</summary>
    public static AddressInfo AddressToMatch(string? address) =>
        AddressInfo.TryCreate(address?.Trim() ?? string.Empty) ?? throw HostsErrors.InvalidAddress(address ?? string.Empty);

    /// <summary>
    /// A name (or wildcard pattern) Set and Remove look for: an international name in the punycode form the editor
    /// writes (bücher.test finds xn--bcher-kva.test). A line with the name in UTF-8 is reached through Get-HostsEntry,
    /// which matches both forms, piped in.
    /// </summary>
    public static string NameToFind(string name) =>
        Formatting.InternationalName.IsAscii(name) || Matching.WildcardPattern.ContainsWildcards(name) ? name : Formatting.InternationalName.ToAscii(name.Trim()) ?? name;

    /// <summary>A name to write: an international name becomes its punycode form; a trailing dot is refused.</summary>
    public static string HostName(string? name)
    {
        var text = name?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw HostsErrors.InvalidHostName(name ?? string.Empty, "it is empty.");
        }

        if (GlibcNameText.WhyNotAsked(text) is { } fault)
        {
            text = fault.Rewrite ?? throw HostsErrors.UnansweredHostName(text, fault.Reason, fault.Remedy);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > HostsParser.MaxNameLength)
        {
            throw HostsErrors.InvalidHostName(text, $"it is longer than {HostsParser.MaxNameLength} characters.");
        }

        foreach (var b in bytes)
        {
            if (!HostsParser.IsHostNameByte(b))
            {
                throw HostsErrors.InvalidHostName(text, $"it contains '{(char)b}'.");
            }
        }

        return text;
    }

    public static string Comment(string? comment)
    {
        var text = comment?.Trim() ?? string.Empty;
        if (text.IndexOf('\n') >= 0 || text.IndexOf('\r') >= 0)
        {
            throw HostsErrors.InvalidComment(text);
        }

        return text;
    }
}
