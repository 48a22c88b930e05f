using System.Text.RegularExpressions;

namespace LoopbackTools.Tests.Contract;

/// <summary>
/// The few psd1 keys the contract needs, read without PowerShell. The manifest is kept in a
/// plain style (one key per line, single-quoted strings) so a small reader suffices.
/// </summary>
public sealed class ModuleManifest
{
    private ModuleManifest(string text)
    {
        Text = text;
    }

    public string Text { get; }

    public string ModuleVersion => Scalar("ModuleVersion");

    public string RootModule => Scalar("RootModule");

    public IReadOnlyList<string> CmdletsToExport => List("CmdletsToExport");

    public IReadOnlyList<string> FormatsToProcess => List("FormatsToProcess");

    public IReadOnlyList<string> TypesToProcess => List("TypesToProcess");

    public IReadOnlyList<string> RequiredAssemblies => List("RequiredAssemblies");

    public IReadOnlyList<string> CompatiblePSEditions => List("CompatiblePSEditions");

    public static ModuleManifest Parse(string text) => new(text);

    public static ModuleManifest Load(string path) => Parse(File.ReadAllText(path));

    public string Scalar(string key)
    {
        var m = Regex.Match(Text, @"(?m)^\s*" + Regex.Escape(key) + @"\s*=\s*'([^']*)'");
        return m.Success ? m.Groups[1].Value : string.Empty;
    }

    public IReadOnlyList<string> List(string key)
    {
        var m = Regex.Match(Text, @"(?ms)^\s*" + Regex.Escape(key) + @"\s*=\s*@\((.*?)\)");
        if (!m.Success)
        {
            var single = Scalar(key);
            return single.Length == 0 ? Array.Empty<string>() : new[] { single };
        }

        return Regex.Matches(m.Groups[1].Value, "'([^']*)'").Select(x => x.Groups[1].Value).ToArray();
    }
}
