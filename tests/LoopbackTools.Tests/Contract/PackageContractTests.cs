using System.Xml.Linq;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Contract;

/// <summary>
/// The packaged module folder (built by `dotnet build`) obeys the contract, and every check
/// is shown to fail on a deliberately broken input.
/// </summary>
public sealed class PackageContractTests
{
    private static readonly Lazy<ModuleMetadata> Metadata = new(() => ModuleMetadata.Load(RepoPaths.ModuleFolder, RepoPaths.PowerShellReferenceAssembly));

    private static ModuleManifest Manifest => ModuleManifest.Load(Path.Combine(RepoPaths.ModuleFolder, "LoopbackTools.psd1"));

    private static XDocument FormatFile => XDocument.Load(Path.Combine(RepoPaths.ModuleFolder, "LoopbackTools.Format.ps1xml"));

    private static XDocument TypesFile => XDocument.Load(Path.Combine(RepoPaths.ModuleFolder, "LoopbackTools.Types.ps1xml"));

    private static XDocument HelpFile => XDocument.Load(Path.Combine(RepoPaths.ModuleFolder, "en-US", "LoopbackTools.dll-Help.xml"));

    [Fact]
    public void Packaged_manifest_is_the_repository_manifest()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "LoopbackTools.psd1")), Manifest.Text);
        Assert.Equal(new[] { "Desktop", "Core" }, Manifest.CompatiblePSEditions);
        Assert.Equal("5.1", Manifest.Scalar("PowerShellVersion"));
        Assert.Equal("LoopbackTools.dll", Manifest.Scalar("RootModule"));
    }

    [Fact]
    public void Module_exports_at_least_one_cmdlet() => Assert.NotEmpty(Metadata.Value.Cmdlets);

    [Fact]
    public void Exports_match_cmdlet_classes() => Assert.Empty(PackageContract.CheckExports(Manifest, Metadata.Value));

    [Fact]
    public void Exports_check_catches_a_missing_and_an_extra_cmdlet()
    {
        var first = Metadata.Value.Cmdlets[0].Name;
        var broken = ModuleManifest.Parse(Manifest.Text.Replace($"'{first}'", "'Get-NoSuchThing'", StringComparison.Ordinal));
        var problems = PackageContract.CheckExports(broken, Metadata.Value);
        Assert.Contains(problems, p => p.Contains("Get-NoSuchThing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(first, StringComparison.Ordinal));
    }

    [Fact]
    public void Module_version_equals_assembly_version() => Assert.Empty(PackageContract.CheckVersion(Manifest, Metadata.Value));

    [Fact]
    public void Version_check_catches_a_mismatch()
    {
        var broken = ModuleManifest.Parse(Manifest.Text.Replace($"'{Manifest.ModuleVersion}'", "'9.9.9'", StringComparison.Ordinal));
        Assert.Single(PackageContract.CheckVersion(broken, Metadata.Value));
    }

    [Fact]
    public void Module_folder_holds_everything_an_installation_needs() => Assert.Empty(PackageContract.CheckFiles(RepoPaths.ModuleFolder, Manifest));

    [Fact]
    public void Module_folder_holds_nothing_the_manifest_or_the_dependency_list_does_not_account_for() =>
        Assert.Empty(PackageContract.CheckNothingUnaccounted(RepoPaths.ModuleFolder, Manifest, ModuleAssembliesTests.Shipped.Keys));

    [Fact]
    public void A_stray_file_in_the_module_folder_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("lbt-module-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepoPaths.ModuleFolder, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(RepoPaths.ModuleFolder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            File.WriteAllText(Path.Combine(folder, "Removed.Dependency.dll"), string.Empty);
            var problem = Assert.Single(PackageContract.CheckNothingUnaccounted(folder, Manifest, ModuleAssembliesTests.Shipped.Keys));
            Assert.Contains("'Removed.Dependency.dll'", problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Files_check_catches_a_missing_file()
    {
        var empty = Directory.CreateTempSubdirectory("lbt-contract-").FullName;
        try
        {
            var problems = PackageContract.CheckFiles(empty, Manifest);
            Assert.Contains(problems, p => p.Contains("LoopbackTools.Core.dll", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("LoopbackTools.dll-Help.xml", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Fact]
    public void Format_views_name_real_types_and_properties_with_deserialized_twins() =>
        Assert.Empty(PackageContract.CheckFormats(FormatFile, TypesFile, Metadata.Value));

    [Fact]
    public void Format_check_catches_a_bad_property_a_missing_twin_and_an_unknown_type()
    {
        var format = FormatFile;
        var view = format.Descendants("View").First(v => v.Descendants("PropertyName").Any());
        view.Descendants("PropertyName").First().Value = "NoSuchProperty";
        view.Element("ViewSelectedBy")!.Elements("TypeName").Where(t => t.Value.StartsWith("Deserialized.", StringComparison.Ordinal)).Remove();
        view.Element("ViewSelectedBy")!.Add(new XElement("TypeName", "LoopbackTools.NoSuchType"));
        var problems = PackageContract.CheckFormats(format, TypesFile, Metadata.Value);
        Assert.Contains(problems, p => p.Contains("NoSuchProperty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Deserialized.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("LoopbackTools.NoSuchType", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_check_catches_a_script_block_that_reads_a_missing_property()
    {
        var format = FormatFile;
        var block = format.Descendants("ScriptBlock").First(b => b.Value.Contains("$_.Finding", StringComparison.Ordinal));
        block.Value = block.Value.Replace("$_.Finding", "$_.Verdict", StringComparison.Ordinal);
        Assert.Contains(PackageContract.CheckFormats(format, TypesFile, Metadata.Value), p => p.Contains("'Verdict'", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_check_catches_headers_and_columns_that_disagree()
    {
        var format = FormatFile;
        format.Descendants("TableColumnItem").First().Remove();
        var problems = PackageContract.CheckFormats(format, TypesFile, Metadata.Value);
        Assert.Contains(problems, p => p.Contains("column headers but", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_check_catches_an_output_type_without_a_view()
    {
        var format = new XDocument(new XElement("Configuration", new XElement("ViewDefinitions")));
        var problems = PackageContract.CheckFormats(format, TypesFile, Metadata.Value);
        Assert.Contains(problems, p => p.Contains("has no view", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_covers_every_cmdlet_parameter_and_has_examples() => Assert.Empty(PackageContract.CheckHelp(HelpFile, Metadata.Value));

    [Fact]
    public void Help_check_catches_a_missing_parameter_example_and_command()
    {
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        var help = HelpFile;
        var first = help.Descendants(command + "command").First();
        first.Element(command + "parameters")?.Elements(command + "parameter").First().Remove();
        first.Element(command + "examples")?.Remove();
        var problems = PackageContract.CheckHelp(help, Metadata.Value);
        Assert.Contains(problems, p => p.Contains("does not describe parameter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("has no example", StringComparison.Ordinal));

        help.Descendants(command + "command").Remove();
        Assert.Equal(Metadata.Value.Cmdlets.Count, PackageContract.CheckHelp(help, Metadata.Value).Count(p => p.StartsWith("Help has no entry", StringComparison.Ordinal)));
    }

    [Fact]
    public void Help_check_catches_pipeline_input_that_the_cmdlet_does_not_take()
    {
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        var help = HelpFile;
        var entry = help.Descendants(command + "parameters").Elements(command + "parameter")
            .First(p => string.Equals(p.Attribute("pipelineInput")?.Value, "False", StringComparison.OrdinalIgnoreCase));
        entry.SetAttributeValue("pipelineInput", "true (ByValue)");
        Assert.Contains(PackageContract.CheckHelp(help, Metadata.Value), p => p.Contains("says pipelineInput=\"true (ByValue)\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type() =>
        Assert.All(Metadata.Value.Cmdlets, c => Assert.NotEmpty(c.OutputTypes));
}
