using System.Text.RegularExpressions;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Contract;

/// <summary>Every stable ErrorId the code can raise is documented in the README's error table, so scripts can rely on it.</summary>
public sealed class ErrorIdCatalogTests
{
    // Every id is a "...Id" constant of an <Area>Errors class (docs/conventions.md), whatever the area: a new area's ids are checked without editing this list.
    private static readonly Regex ErrorIdLiteral = new("const string \\w*Id\\s*=\\s*\"([A-Z][A-Za-z]*\\.[A-Z][A-Za-z]+)\"", RegexOptions.Compiled);

    [Fact]
    public void Every_area_with_errors_is_seen_including_ContainerConnection()
    {
        var areas = ErrorIdsIn(Path.Combine(RepoPaths.Root, "src")).Select(id => id.Substring(0, id.IndexOf('.'))).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "Hosts", "Listeners", "Dns", "Resolution", "Docker", "Connection", "ContainerConnection", "Certificate" }, areas);
    }

    [Fact]
    public void Every_error_id_in_the_code_is_in_the_readme()
    {
        var ids = ErrorIdsIn(Path.Combine(RepoPaths.Root, "src"));
        Assert.NotEmpty(ids);
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.Empty(Undocumented(ids, readme));
    }

    [Fact]
    public void The_check_catches_an_undocumented_id()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).Replace("`Hosts.FileNotFound`", "`Hosts.Gone`", StringComparison.Ordinal);
        Assert.Equal(new[] { "Hosts.FileNotFound" }, Undocumented(ErrorIdsIn(Path.Combine(RepoPaths.Root, "src")), readme));
    }

    private static SortedSet<string> ErrorIdsIn(string folder) =>
        new(Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ErrorIdLiteral.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)), StringComparer.Ordinal);

    private static string[] Undocumented(IEnumerable<string> ids, string readme) =>
        ids.Where(id => !readme.Contains("`" + id + "`", StringComparison.Ordinal)).ToArray();
}
