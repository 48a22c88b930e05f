using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LoopbackTools.Hosts;

/// <summary>
/// The warning before an edit another program will undo: any edit of a file WSL generates, and an edit of a line
/// inside Docker Desktop's section. It names the setting that stops the rewrite.
/// </summary>
internal static class HostsManagerWarnings
{
    public static IEnumerable<HostsWarning> Analyze(HostsDocument before, HostsDocument after, IReadOnlyList<HostsEntry> beforeEntries, IReadOnlyList<HostsEntry> afterEntries)
    {
        var touched = beforeEntries.Select(e => (Entry: e, Sections: before.ManagedSections))
            .Concat(afterEntries.Select(e => (Entry: e, Sections: after.ManagedSections)))
            .Where(t => t.Entry.ManagedBy is not null)
            .ToList();

        var wsl = touched.FirstOrDefault(t => t.Entry.ManagedBy == HostsManagers.Wsl);
        if (wsl.Entry is not null)
        {
            var header = wsl.Sections.WslHeaderLine;
            var stop = wsl.Sections.WslHeaderIsRemovable
                ? Format("To keep it, remove that header line (line {0})", header)
                : "To keep it, add 'generateHosts = false' under '[network]' in /etc/wsl.conf (then run 'wsl --shutdown')";
            yield return new HostsWarning(HostsWarningKind.RewrittenByManager, wsl.Entry.HostName, wsl.Entry.LineNumber, Format(
                "WSL generated this file (its header, line {0}) and rewrites it from the Windows hosts file when it starts: this edit will be lost. {1}, or edit the Windows hosts file instead.",
                header,
                stop));
        }

        var docker = touched.FirstOrDefault(t => t.Entry.ManagedBy == HostsManagers.DockerDesktop);
        if (docker.Entry is not null && docker.Sections.DockerSectionOf(docker.Entry.LineNumber) is { } section)
        {
            yield return new HostsWarning(HostsWarningKind.RewrittenByManager, docker.Entry.HostName, docker.Entry.LineNumber, Format(
                "Line {0} is in Docker Desktop's section (lines {1}-{2}, '{3}' to '{4}'), which Docker Desktop rewrites when it starts: this edit will be overwritten. To stop it, clear '{5}' in Docker Desktop's Settings (General), or put the entry outside the section.",
                docker.Entry.LineNumber,
                section.First,
                section.Last,
                HostsManagedSections.DockerBegin,
                HostsManagedSections.DockerEnd,
                HostsManagers.DockerDesktopSetting));
        }
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
