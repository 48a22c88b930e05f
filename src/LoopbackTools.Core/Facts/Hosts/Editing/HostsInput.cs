using System.Text;

namespace LoopbackTools.Hosts;

/// <summary>Checks values given to the editor, so an edit can never write a line the parser would reject.</summary>
internal static class HostsInput
{
    public static AddressInfo Address(string? address)
    {
        var text = address?.Trim() ?? string.Empty;
        return AddressInfo.TryCreate(text) ?? throw HostsErrors.InvalidAddress(address ?? string.Empty);
    }

    public static string HostName(string? name)
    {
        var text = name?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw HostsErrors.InvalidHostName(name ?? string.Empty, "it is empty.");
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
