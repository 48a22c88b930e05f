using System.Globalization;
using System.Text.RegularExpressions;
using LoopbackTools.Proxy;

namespace LoopbackTools.Tests.Proxy;

/// <summary>Reads a `reg export` of the Internet Settings key (Fixtures/wininet) into the values WinINET's reader takes.</summary>
public static class WinInetRegFile
{
    internal static WinInetProxySettings Read(string name)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wininet", name)); // BOM: UTF-16LE
        string? Text(string value) => Regex.Match(text, "^\"" + value + "\"=\"(.*)\"\r?$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.Replace(@"\\", @"\", StringComparison.Ordinal) : null;
        int? Dword(string value) => Regex.Match(text, "^\"" + value + "\"=dword:([0-9a-f]{8})\r?$", RegexOptions.Multiline) is { Success: true } m ? int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null;
        return new WinInetProxySettings(Dword("ProxyEnable"), Text("ProxyServer"), Text("ProxyOverride"));
    }
}
