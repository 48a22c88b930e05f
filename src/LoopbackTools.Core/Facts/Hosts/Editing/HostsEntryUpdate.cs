using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Hosts;

/// <summary>What Set-HostsEntry changes on a line; null parts stay as they are. Validated on construction.</summary>
public sealed class HostsEntryUpdate
{
    /// <param name="address">New address, or null to keep it.</param>
    /// <param name="aliases">New aliases (the names after the first); empty removes them; null keeps them.</param>
    /// <param name="comment">New inline comment; empty removes it; null keeps it.</param>
    /// <param name="enable">Switch a commented-out entry back on.</param>
    /// <param name="disable">Comment the entry out.</param>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.InvalidAddress, Hosts.InvalidHostName, Hosts.InvalidComment or Hosts.InvalidUpdate.</exception>
    public HostsEntryUpdate(string? address, IEnumerable<string>? aliases, string? comment, bool enable, bool disable)
    {
        if (enable && disable)
        {
            throw HostsErrors.InvalidUpdate("-Enable and -Disable contradict each other.");
        }

        if (address is null && aliases is null && comment is null && !enable && !disable)
        {
            throw HostsErrors.InvalidUpdate("Nothing to change was given.");
        }

        AddressInfo = address is null ? null : HostsInput.Address(address);
        Aliases = aliases?.Select(HostsInput.HostName).ToArray();
        Comment = comment is null ? null : HostsInput.Comment(comment);
        Enabled = enable ? true : disable ? false : null;
    }

    public string? Address => AddressInfo?.Text;

    public IReadOnlyList<string>? Aliases { get; }

    public string? Comment { get; }

    /// <summary>True to enable, false to disable, null to leave as is.</summary>
    public bool? Enabled { get; }

    internal AddressInfo? AddressInfo { get; }

    /// <summary>The line text with this update applied; <paramref name="text"/> must hold an (enabled or disabled) entry.</summary>
    internal string ApplyTo(string text)
    {
        if (Address is not null)
        {
            text = EntryLineLayout.Parse(text).WithAddress(Address);
        }

        if (Aliases is not null)
        {
            var layout = EntryLineLayout.Parse(text);
            text = layout.WithNames(new[] { layout.Names[0] }.Concat(Aliases).ToList());
        }

        if (Comment is not null)
        {
            text = EntryLineLayout.Parse(text).WithComment(Comment);
        }

        return Enabled switch
        {
            true => EntryLineLayout.Parse(text).Enabled(),
            false => EntryLineLayout.Parse(text).Disabled(),
            _ => text,
        };
    }
}
