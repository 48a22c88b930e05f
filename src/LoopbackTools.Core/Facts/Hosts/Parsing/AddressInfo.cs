using System.Net.Sockets;
using LoopbackTools.Addressing;

namespace LoopbackTools.Hosts;

/// <summary>A parsed hosts-file address: as written, normalised for comparison, and classified.</summary>
internal sealed class AddressInfo
{
    private AddressInfo(string text, string normalized, AddressFamily family, AddressScope scope)
    {
        Text = text;
        Normalized = normalized;
        Family = family;
        Scope = scope;
    }

    public string Text { get; }

    /// <summary>Canonical form (<c>0:0::1</c> becomes <c>::1</c>), zone kept: equal addresses compare equal.</summary>
    public string Normalized { get; }

    public AddressFamily Family { get; }

    public AddressScope Scope { get; }

    public static AddressInfo? TryCreate(string text)
    {
        if (!AddressClassifier.TryParse(text, out var address) || address is null)
        {
            return null;
        }

        // TryParse drops a named zone (lo0); keep it, since fe80::1%lo0 and fe80::1%en0 are different addresses.
        var percent = text.IndexOf('%');
        var normalized = percent < 0 ? address.ToString() : address.ToString() + text.Substring(percent);
        return new AddressInfo(text, normalized, address.AddressFamily, AddressClassifier.Classify(address));
    }
}
