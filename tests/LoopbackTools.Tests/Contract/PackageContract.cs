using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LoopbackTools.Tests.Contract;

/// <summary>
/// The rules a packaged module folder must obey. Each check returns its violations as sentences
/// (empty when the rule holds), so tests can show the rule both holding on the real package and
/// catching a deliberately broken input.
/// </summary>
public static class PackageContract
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static IReadOnlyList<string> CheckExports(ModuleManifest manifest, ModuleMetadata metadata)
    {
        var exported = manifest.CmdletsToExport.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = metadata.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return exported.Except(found).Select(n => $"CmdletsToExport lists '{n}' but LoopbackTools.dll has no such [Cmdlet] class.")
            .Concat(found.Except(exported).Select(n => $"[Cmdlet] '{n}' is not listed in CmdletsToExport."))
            .ToArray();
    }

    public static IReadOnlyList<string> CheckVersion(ModuleManifest manifest, ModuleMetadata metadata)
    {
        var declared = Version.TryParse(manifest.ModuleVersion, out var v) ? Normalize(v) : null;
        var actual = Version.TryParse(metadata.AssemblyVersion, out var a) ? Normalize(a) : null;
        return declared is not null && declared == actual
            ? Array.Empty<string>()
            : new[] { $"ModuleVersion '{manifest.ModuleVersion}' differs from the assembly version '{metadata.AssemblyVersion}'." };
    }

    public static IReadOnlyList<string> CheckFiles(string moduleFolder, ModuleManifest manifest)
    {
        var required = new[] { "LoopbackTools.psd1", "LoopbackTools.dll", "LoopbackTools.Core.dll", Path.Combine("en-US", "LoopbackTools.dll-Help.xml"), Path.Combine("en-US", "about_LoopbackTools.help.txt") }
            .Concat(manifest.FormatsToProcess).Concat(manifest.TypesToProcess).Concat(manifest.RequiredAssemblies);
        var problems = required.Where(f => !File.Exists(Path.Combine(moduleFolder, f))).Select(f => $"The module folder lacks '{f}'.").ToList();
        if (File.Exists(Path.Combine(moduleFolder, "System.Management.Automation.dll")))
        {
            problems.Add("The module folder ships System.Management.Automation.dll, which must come from the host.");
        }

        return problems;
    }

    /// <summary>
    /// Every file in the folder that neither the manifest (root module, required assemblies, formats, types, their help)
    /// nor the list of shipped dependency assemblies accounts for: a dll left from an earlier build must never ship.
    /// </summary>
    public static IReadOnlyList<string> CheckNothingUnaccounted(string moduleFolder, ModuleManifest manifest, IEnumerable<string> dependencyAssemblies)
    {
        var accounted = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "LoopbackTools.psd1", manifest.RootModule };
        accounted.UnionWith(manifest.RequiredAssemblies.Concat(manifest.FormatsToProcess).Concat(manifest.TypesToProcess));
        accounted.UnionWith(dependencyAssemblies.Select(a => a + ".dll"));
        accounted.Add(Path.Combine("en-US", manifest.RootModule + "-Help.xml"));
        accounted.Add(Path.Combine("en-US", "about_LoopbackTools.help.txt"));
        return Directory.GetFiles(moduleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(moduleFolder, f))
            .Where(f => !accounted.Contains(f))
            .Order(StringComparer.Ordinal)
            .Select(f => $"The module folder holds '{f}', which neither the manifest nor the dependency list accounts for.")
            .ToList();
    }

    public static IReadOnlyList<string> CheckFormats(XDocument format, XDocument? types, ModuleMetadata metadata)
    {
        var problems = new List<string>();
        var aliases = AliasProperties(types);
        var viewed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var view in format.Descendants("View"))
        {
            var viewName = (string?)view.Element("Name") ?? "(unnamed)";
            var typeNames = view.Element("ViewSelectedBy")?.Elements("TypeName").Select(e => e.Value.Trim()).ToList() ?? new List<string>();
            // PowerShell refuses the whole format file (and so Import-Module) when a table's headers and columns disagree.
            foreach (var table in view.Elements("TableControl"))
            {
                var headers = table.Element("TableHeaders")?.Elements("TableColumnHeader").Count() ?? 0;
                foreach (var row in table.Descendants("TableRowEntry"))
                {
                    var columns = row.Element("TableColumnItems")?.Elements("TableColumnItem").Count() ?? 0;
                    if (headers != 0 && columns != headers)
                    {
                        problems.Add($"View '{viewName}' has {headers} column headers but {columns} column items.");
                    }
                }
            }

            foreach (var item in view.Descendants("TableColumnItem").Concat(view.Descendants("ListItem")))
            {
                if (string.IsNullOrWhiteSpace((string?)item.Element("PropertyName")) && string.IsNullOrWhiteSpace((string?)item.Element("ScriptBlock")))
                {
                    problems.Add($"View '{viewName}' has a column with neither a property nor a script block.");
                }
            }

            var live = typeNames.Where(t => !t.StartsWith("Deserialized.", StringComparison.Ordinal)).ToList();
            if (live.Count == 0)
            {
                problems.Add($"View '{viewName}' selects no live type.");
            }

            foreach (var typeName in live)
            {
                viewed.Add(typeName);
                if (!typeNames.Contains("Deserialized." + typeName))
                {
                    problems.Add($"View '{viewName}' does not list 'Deserialized.{typeName}', so remoted or imported objects lose their table.");
                }

                if (!metadata.Types.TryGetValue(typeName, out var properties))
                {
                    problems.Add($"View '{viewName}' names type '{typeName}', which does not exist.");
                    continue;
                }

                // Custom views read properties in script blocks ($_.Finding): those must exist too.
                var scripted = view.Descendants("ScriptBlock").SelectMany(b => Regex.Matches(b.Value, @"\$_\.(\w+)").Cast<Match>().Select(m => m.Groups[1].Value));
                foreach (var property in view.Descendants("PropertyName").Select(p => p.Value.Trim()).Concat(scripted).Distinct())
                {
                    // PSComputerName: what remoting adds to every row it brings back (a view may name the computer with it).
                    var known = properties.Contains(property) || (aliases.TryGetValue(typeName, out var a) && a.Contains(property)) || property == "PSComputerName";
                    if (!known)
                    {
                        problems.Add($"View '{viewName}' shows property '{property}', which type '{typeName}' does not have.");
                    }
                }
            }
        }

        foreach (var output in metadata.Cmdlets.SelectMany(c => c.OutputTypes).Distinct().Where(t => t.StartsWith("LoopbackTools.", StringComparison.Ordinal)))
        {
            if (!viewed.Contains(output))
            {
                problems.Add($"Output type '{output}' has no view in the format file.");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> CheckHelp(XDocument help, ModuleMetadata metadata)
    {
        var problems = new List<string>();
        var commands = help.Descendants(Command + "command")
            .ToDictionary(c => c.Element(Command + "details")?.Element(Command + "name")?.Value.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        foreach (var cmdlet in metadata.Cmdlets)
        {
            if (!commands.TryGetValue(cmdlet.Name, out var command))
            {
                problems.Add($"Help has no entry for {cmdlet.Name}.");
                continue;
            }

            var synopsis = command.Element(Command + "details")?.Element(Maml + "description")?.Value.Trim();
            if (string.IsNullOrEmpty(synopsis))
            {
                problems.Add($"Help for {cmdlet.Name} has no synopsis.");
            }

            var documented = (command.Element(Command + "parameters")?.Elements(Command + "parameter") ?? Enumerable.Empty<XElement>())
                .Where(p => !string.IsNullOrWhiteSpace(p.Element(Maml + "description")?.Value))
                .Select(p => p.Element(Maml + "name")?.Value.Trim() ?? string.Empty)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in cmdlet.Parameters.Where(p => !documented.Contains(p)))
            {
                problems.Add($"Help for {cmdlet.Name} does not describe parameter -{parameter}.");
            }

            // Get-Help -Parameter shows this attribute: it must say what the binder really does.
            foreach (var entry in command.Element(Command + "parameters")?.Elements(Command + "parameter") ?? Enumerable.Empty<XElement>())
            {
                var name = entry.Element(Maml + "name")?.Value.Trim() ?? string.Empty;
                var written = entry.Attribute("pipelineInput")?.Value.Trim() ?? "false";
                if (cmdlet.PipelineInput.TryGetValue(name, out var actual) && !string.Equals(written, actual, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"Help for {cmdlet.Name} -{name} says pipelineInput=\"{written}\", the cmdlet takes \"{actual}\".");
                }
            }

            var examples = command.Element(Command + "examples")?.Elements(Command + "example")
                .Where(e => !string.IsNullOrWhiteSpace(e.Element(Dev + "code")?.Value)).Count() ?? 0;
            if (examples == 0)
            {
                problems.Add($"Help for {cmdlet.Name} has no example.");
            }
        }

        return problems;
    }

    private static Dictionary<string, HashSet<string>> AliasProperties(XDocument? types)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (types is null)
        {
            return result;
        }

        foreach (var type in types.Descendants("Type"))
        {
            var name = (string?)type.Element("Name") ?? string.Empty;
            var members = type.Element("Members")?.Elements().Select(m => (string?)m.Element("Name") ?? string.Empty) ?? Enumerable.Empty<string>();
            if (!result.TryGetValue(name, out var set))
            {
                result[name] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            set.UnionWith(members);
        }

        return result;
    }

    private static Version Normalize(Version v) => new(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0));
}
