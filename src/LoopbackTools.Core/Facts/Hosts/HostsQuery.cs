using System;
using System.Collections.Generic;
using System.Linq;
using LoopbackTools.Matching;

namespace LoopbackTools.Hosts;

/// <summary>
/// The filters of Get-HostsEntry. Address, state and scope are checked on the compact line table
/// first, so a narrow query over a large blocklist makes entry objects only for lines that can match.
/// </summary>
public sealed class HostsQuery
{
    private readonly WildcardPattern[] _names;
    private readonly HashSet<string> _addresses;

    /// <param name="hostNames">Patterns matched against the host name and every alias; null or empty: any.</param>
    /// <param name="addresses">Addresses compared in normalised form (<c>0::1</c> equals <c>::1</c>); null or empty: any.</param>
    /// <param name="includeDisabled">Also return commented-out entries.</param>
    /// <param name="loopbackOnly">Only entries whose address is loopback.</param>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.InvalidAddress when an address does not parse.</exception>
    public HostsQuery(IEnumerable<string>? hostNames, IEnumerable<string>? addresses, bool includeDisabled, bool loopbackOnly)
    {
        // An international name is also looked for in the punycode form the editor writes (bücher.test: xn--bcher-kva.test).
        _names = (hostNames ?? Enumerable.Empty<string>()).Where(n => !string.IsNullOrEmpty(n))
            .SelectMany(n => WildcardPattern.ContainsWildcards(n) || Formatting.InternationalName.IsAscii(n) || Formatting.InternationalName.ToAscii(n) is not { } ascii ? new[] { n } : new[] { n, ascii })
            .Select(n => new WildcardPattern(n)).ToArray();
        _addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in addresses ?? Enumerable.Empty<string>())
        {
            var info = AddressInfo.TryCreate(text?.Trim() ?? string.Empty) ?? throw HostsErrors.InvalidAddress(text ?? string.Empty);
            _addresses.Add(info.Normalized);
        }

        IncludeDisabled = includeDisabled;
        LoopbackOnly = loopbackOnly;
    }

    public bool IncludeDisabled { get; }

    public bool LoopbackOnly { get; }

    public IEnumerable<HostsEntry> Select(HostsDocument document)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        return Iterate(document);
    }

    private IEnumerable<HostsEntry> Iterate(HostsDocument document)
    {
        for (var i = 0; i < document.EntryCount; i++)
        {
            if (!IncludeDisabled && !document.EntryEnabled(i))
            {
                continue;
            }

            var address = document.EntryAddress(i);
            if ((LoopbackOnly && address.Scope != AddressScope.Loopback) || (_addresses.Count > 0 && !_addresses.Contains(address.Normalized)))
            {
                continue;
            }

            var entry = document.Entries[i];
            if (_names.Length == 0 || _names.Any(p => p.IsMatch(entry.HostName) || entry.Aliases.Any(p.IsMatch)))
            {
                yield return entry;
            }
        }
    }
}
