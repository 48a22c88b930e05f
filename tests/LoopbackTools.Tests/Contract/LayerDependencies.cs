using System.Text.RegularExpressions;

namespace LoopbackTools.Tests.Contract;

/// <summary>
/// The dependency rule of docs/architecture.md, read from the source: a file's layer is its folder
/// (<c>LoopbackTools.Core/Facts|Probes|Checks|Shared/</c>, or the cmdlet project <c>LoopbackTools/</c>), and a file
/// references a type when it names it where that type's namespace is in scope (its own namespace or an enclosing
/// one, a using, or a qualified name). Namespaces are areas, not layers, so the rule is checked per type.
/// Returns the violations, so a test can show it catching a wrong-way reference.
/// </summary>
public static class LayerDependencies
{
    /// <summary>Which layers a layer must not reference. Shared is free for all.</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new()
    {
        ["Facts"] = new[] { "Checks" },
        ["Probes"] = new[] { "Facts", "Checks" },
        ["Shared"] = new[] { "Facts", "Probes", "Checks" },
        ["Cmdlets"] = new[] { "Probes" },
    };

    private static readonly Regex Comments = new(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.Compiled);
    private static readonly Regex PlainStrings = new(@"(?<![$@\w])""(?:[^""\\\n]|\\.)*""", RegexOptions.Compiled);
    private static readonly Regex Declarations = new(@"\b(?:class|struct|interface|enum|record)\s+([A-Z]\w*)", RegexOptions.Compiled);
    private static readonly Regex Namespace = new(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline | RegexOptions.Compiled);
    private static readonly Regex Usings = new(@"^\s*using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;", RegexOptions.Multiline | RegexOptions.Compiled);
    private static readonly Regex Names = new(@"(?:\b([\w.]+)\.)?\b([A-Z]\w*)\b", RegexOptions.Compiled);

    public static IReadOnlyList<string> Violations(IEnumerable<LayerSourceFile> files)
    {
        var read = files.Select(f => (File: f, Layer: LayerOf(f.Path), Code: Strip(f.Text))).Where(f => f.Layer is not null).ToList();
        var types = new Dictionary<string, List<(string Namespace, string Layer, string Path)>>(StringComparer.Ordinal);
        foreach (var (file, layer, code) in read.Where(f => f.Layer != "Cmdlets"))
        {
            var ns = Namespace.Match(code).Groups[1].Value;
            foreach (Match declared in Declarations.Matches(code))
            {
                var name = declared.Groups[1].Value;
                if (!types.TryGetValue(name, out var list))
                {
                    types[name] = list = new();
                }

                list.Add((ns, layer!, file.Path));
            }
        }

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (file, layer, code) in read)
        {
            if (!Forbidden.TryGetValue(layer!, out var forbidden))
            {
                continue;
            }

            var ns = Namespace.Match(code).Groups[1].Value;
            var inScope = Enclosing(ns).Concat(Usings.Matches(code).Select(u => u.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
            var ownTypes = Declarations.Matches(code).Select(d => d.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (Match use in Names.Matches(code))
            {
                var name = use.Groups[2].Value;
                if (ownTypes.Contains(name) || !types.TryGetValue(name, out var candidates))
                {
                    continue;
                }

                var qualifier = use.Groups[1].Success ? use.Groups[1].Value : null;
                foreach (var target in candidates.Where(c => forbidden.Contains(c.Layer)))
                {
                    var visible = qualifier is null
                        ? inScope.Contains(target.Namespace)
                        : target.Namespace == qualifier || target.Namespace.EndsWith("." + qualifier, StringComparison.Ordinal);
                    if (visible)
                    {
                        found.Add($"{file.Path} ({layer}) references {target.Namespace}.{name} ({target.Layer}, {target.Path})");
                    }
                }
            }
        }

        return found.ToList();
    }

    /// <summary>Every C# file of the two source projects (build output left out).</summary>
    public static IEnumerable<LayerSourceFile> Read(string sourceRoot) =>
        Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(sourceRoot, p).Replace('\\', '/'))
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
            .Select(p => new LayerSourceFile(p, File.ReadAllText(Path.Combine(sourceRoot, p))));

    private static string? LayerOf(string path)
    {
        var parts = path.Split('/');
        return parts[0] switch
        {
            "LoopbackTools.Core" when parts.Length > 2 && parts[1] is "Facts" or "Probes" or "Checks" or "Shared" => parts[1],
            "LoopbackTools" => "Cmdlets",
            _ => null,
        };
    }

    /// <summary>Comments and plain string literals hold words, not references (interpolated strings keep their holes).</summary>
    private static string Strip(string text) => PlainStrings.Replace(Comments.Replace(text, " "), "\"\"");

    /// <summary>A.B.C sees A.B.C, A.B and A.</summary>
    private static IEnumerable<string> Enclosing(string ns)
    {
        for (var name = ns; name.Length > 0; name = name.LastIndexOf('.') is var dot && dot > 0 ? name.Substring(0, dot) : string.Empty)
        {
            yield return name;
        }
    }
}
