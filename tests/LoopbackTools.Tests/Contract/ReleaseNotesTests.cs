using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Contract;

/// <summary>The manifest's ReleaseNotes are CHANGELOG.md's entry for its ModuleVersion (scripts/release-notes.sh derives them).</summary>
public sealed class ReleaseNotesTests
{
    private static string Script => Path.Combine(RepoPaths.Root, "scripts", "release-notes.sh");

    [Fact]
    public void The_manifest_release_notes_are_the_changelog_entry_of_its_version()
    {
        var check = Run.Command("bash", Script, "--check");
        Assert.True(check.ExitCode == 0, check.Error);
        var derived = Run.Command("bash", Script).EnsureSuccess("release-notes.sh").Output.Trim();
        var version = ModuleManifest.Load(Path.Combine(RepoPaths.Root, "LoopbackTools.psd1")).ModuleVersion;
        Assert.StartsWith(version + "\n- ", derived, StringComparison.Ordinal);
        Assert.Contains("- Wait-LocalhostConnection", derived, StringComparison.Ordinal);
    }
}
