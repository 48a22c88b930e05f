using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace LoopbackTools.Tests.Contract;

/// <summary>
/// The assemblies of a packaged module folder, read as metadata (name, version, references), and the rule
/// Windows PowerShell 5.1 imposes on them: .NET Framework binds a strong-named reference only to exactly the
/// version it names unless a binding redirect says otherwise, and a module has no config file for redirects.
/// </summary>
public sealed record ModuleAssemblies(IReadOnlyDictionary<string, ModuleAssemblies.Assembly> ByName)
{
    public static ModuleAssemblies Load(string moduleFolder) => new(
        Directory.GetFiles(moduleFolder, "*.dll").Select(Read).ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>Every reference from one shipped assembly to another that .NET Framework would not bind without a redirect.</summary>
    public IReadOnlyList<string> CheckReferencesMatchExactly() =>
        ByName.Values.SelectMany(a => a.References
                .Where(r => ByName.TryGetValue(r.Name, out var shipped) && shipped.Version != r.Version)
                .Select(r => $"{a.Name} {a.Version} references {r.Name} {r.Version}, but the folder ships {r.Name} {ByName[r.Name].Version}: Windows PowerShell 5.1 fails to load it (no binding redirects for a module)."))
            .ToArray();

    private static Assembly Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
            .Select(r => new Reference(reader.GetString(r.Name), r.Version)).ToArray();
        return new Assembly(reader.GetString(definition.Name), definition.Version, references);
    }

    public sealed record Assembly(string Name, Version Version, IReadOnlyList<Reference> References);

    public sealed record Reference(string Name, Version Version);
}
