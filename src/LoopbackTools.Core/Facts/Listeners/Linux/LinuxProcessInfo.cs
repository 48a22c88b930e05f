using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace LoopbackTools.Listeners.Linux;

/// <summary>Name, command line and user of a Linux process from /proc/&lt;pid&gt;/{comm,cmdline,status}.</summary>
internal sealed class LinuxProcessInfo
{
    private readonly Lazy<Dictionary<int, string>> _userNames = new(() => ReadPasswd("/etc/passwd"));

    public ProcessOwner Read(int processId)
    {
        var root = "/proc/" + processId.ToString(CultureInfo.InvariantCulture);
        var name = TryRead(root + "/comm")?.TrimEnd('\n');
        var commandLine = TryRead(root + "/cmdline")?.Replace('\0', ' ').Trim();
        var uid = ParseRealUid(TryRead(root + "/status"));
        string? user = null;
        if (uid is int id)
        {
            user = _userNames.Value.TryGetValue(id, out var known) ? known : id.ToString(CultureInfo.InvariantCulture);
        }

        return new ProcessOwner(processId, name, string.IsNullOrEmpty(commandLine) ? null : commandLine, user);
    }

    /// <summary>The real uid: first number of the "Uid:" line of /proc/&lt;pid&gt;/status.</summary>
    public static int? ParseRealUid(string? status)
    {
        if (status is null)
        {
            return null;
        }

        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line.Substring(4).Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
            }
        }

        return null;
    }

    /// <summary>uid to name from passwd(5) lines; NSS is not consulted, so no lookup can leave the machine.</summary>
    public static Dictionary<int, string> ParsePasswd(string text)
    {
        var names = new Dictionary<int, string>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0].Length > 0 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && !names.ContainsKey(uid))
            {
                names[uid] = fields[0];
            }
        }

        return names;
    }

    private static Dictionary<int, string> ReadPasswd(string path) =>
        ParsePasswd(TryRead(path) ?? string.Empty);

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process exited, or its details are hidden from us
        }
    }
}
