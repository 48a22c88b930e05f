using System.Reflection;
using System.Runtime.InteropServices;

namespace LoopbackTools.Tests.Contract;

/// <summary>
/// Reads cmdlets and output types from the packaged assemblies through MetadataLoadContext:
/// nothing is executed, so the PowerShell reference assembly (which throws at run time) is enough.
/// </summary>
public sealed class ModuleMetadata
{
    private const string CmdletAttribute = "System.Management.Automation.CmdletAttribute";
    private const string ParameterAttribute = "System.Management.Automation.ParameterAttribute";
    private const string OutputTypeAttribute = "System.Management.Automation.OutputTypeAttribute";

    public ModuleMetadata(IReadOnlyList<CmdletInfo> cmdlets, IReadOnlyDictionary<string, IReadOnlySet<string>> types, string assemblyVersion)
    {
        Cmdlets = cmdlets;
        Types = types;
        AssemblyVersion = assemblyVersion;
    }

    public IReadOnlyList<CmdletInfo> Cmdlets { get; }

    /// <summary>Public types of both assemblies by full name, with their public instance property names.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Types { get; }

    public string AssemblyVersion { get; }

    public static ModuleMetadata Load(string moduleFolder, string powerShellReferenceAssembly)
    {
        var paths = Directory.GetFiles(moduleFolder, "*.dll")
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .Append(powerShellReferenceAssembly)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        var main = context.LoadFromAssemblyPath(Path.Combine(moduleFolder, "LoopbackTools.dll"));
        var core = context.LoadFromAssemblyPath(Path.Combine(moduleFolder, "LoopbackTools.Core.dll"));

        var cmdlets = new List<CmdletInfo>();
        foreach (var type in main.GetExportedTypes().Where(t => !t.IsAbstract))
        {
            var cmdlet = type.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == CmdletAttribute);
            if (cmdlet is null)
            {
                continue;
            }

            var name = $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}";
            var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CustomAttributes.Any(a => a.AttributeType.FullName == ParameterAttribute))
                .Where(p => !IsHidden(p)) // [Parameter(DontShow = true)]: bound from piped rows only, not documented
                .Select(p => p.Name)
                .Distinct()
                .ToArray();
            var outputs = type.CustomAttributes
                .Where(a => a.AttributeType.FullName == OutputTypeAttribute)
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(x => x.Value) : new[] { arg.Value })
                .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? string.Empty)
                .ToArray();
            var shouldProcess = cmdlet.NamedArguments.Any(n => n.MemberName == "SupportsShouldProcess" && Equals(n.TypedValue.Value, true));
            cmdlets.Add(new CmdletInfo(name, type.FullName!, parameters, outputs, shouldProcess, PipelineInputOf(type)));
        }

        var types = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var type in core.GetExportedTypes().Concat(main.GetExportedTypes()))
        {
            types[type.FullName!] = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        var version = main.GetName().Version!;
        return new ModuleMetadata(cmdlets, types, version.ToString());
    }

    private static bool IsHidden(PropertyInfo property) =>
        property.CustomAttributes.Any(a => a.AttributeType.FullName == ParameterAttribute
            && a.NamedArguments.Any(n => n.MemberName == "DontShow" && Equals(n.TypedValue.Value, true)));

    // A parameter in several parameter sets has one [Parameter] per set: it takes pipeline input if any of them does.
    private static Dictionary<string, string> PipelineInputOf(Type cmdlet)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attributes = property.CustomAttributes.Where(a => a.AttributeType.FullName == ParameterAttribute).ToArray();
            if (attributes.Length == 0)
            {
                continue;
            }

            bool Named(string member) => attributes.Any(a => a.NamedArguments.Any(n => n.MemberName == member && Equals(n.TypedValue.Value, true)));
            var kinds = new[] { Named("ValueFromPipeline") ? "ByValue" : null, Named("ValueFromPipelineByPropertyName") ? "ByPropertyName" : null }
                .OfType<string>()
                .ToArray();
            result[property.Name] = kinds.Length == 0 ? "false" : $"true ({string.Join(", ", kinds)})";
        }

        return result;
    }
}
