using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace LoopbackTools.Binding;

/// <summary>
/// Windows' TCP port exclusions (ranges Hyper-V, WinNAT or an administrator reserved: a bind there fails with
/// WSAEACCES, "access forbidden", while netstat shows the port free) and the dynamic (ephemeral) port range, parsed
/// from `netsh int ipv4 show excludedportrange protocol=tcp` and `netsh int ipv4 show dynamicport tcp`. netsh's
/// labels are translated on other display languages, so only the numbers are read.
/// </summary>
internal sealed class WindowsPortExclusions
{
    public WindowsPortExclusions(IReadOnlyList<PortRange> excluded, IReadOnlyList<PortRange> administered, PortRange? dynamicRange)
    {
        Excluded = excluded;
        Administered = administered;
        DynamicRange = dynamicRange;
    }

    public IReadOnlyList<PortRange> Excluded { get; }

    /// <summary>The ranges netsh marks with "*": added by an administrator (netsh add excludedportrange).</summary>
    public IReadOnlyList<PortRange> Administered { get; }

    public PortRange? DynamicRange { get; }

    /// <summary>Parses both netsh outputs (either may be empty when netsh failed).</summary>
    public static WindowsPortExclusions Parse(string excludedText, string dynamicText)
    {
        var excluded = new List<PortRange>();
        var administered = new List<PortRange>();
        foreach (Match m in Regex.Matches(excludedText ?? string.Empty, @"^\s*(\d+)\s+(\d+)(\s+\*)?\s*$", RegexOptions.Multiline))
        {
            var range = new PortRange(Number(m.Groups[1].Value), Number(m.Groups[2].Value));
            excluded.Add(range);
            if (m.Groups[3].Success)
            {
                administered.Add(range);
            }
        }

        // "Start Port      : 49152" then "Number of Ports : 16384".
        var numbers = Regex.Matches(dynamicText ?? string.Empty, @":\s*(\d+)\s*$", RegexOptions.Multiline).Cast<Match>().Select(m => Number(m.Groups[1].Value)).ToArray();
        PortRange? dynamic = numbers.Length >= 2 && numbers[1] > 0 ? new PortRange(numbers[0], numbers[0] + numbers[1] - 1) : null;
        return new WindowsPortExclusions(excluded, administered, dynamic);
    }

    /// <summary>Runs netsh on Windows; null elsewhere.</summary>
    public static WindowsPortExclusions? Read(TimeSpan timeout)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return null;
        }

        return Parse(Netsh("int ipv4 show excludedportrange protocol=tcp", timeout), Netsh("int ipv4 show dynamicport tcp", timeout));
    }

    public PortRange? ExcludedRangeOf(int port) => Excluded.Where(r => r.Contains(port)).Cast<PortRange?>().FirstOrDefault();

    private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// netsh from the System32 folder, never by bare name: a bare name is looked up in the current folder first,
    /// so a netsh.exe planted there would run with this (often elevated) session's rights.
    /// </summary>
    internal static string NetshPath(string systemFolder) =>
        Path.Combine(string.IsNullOrEmpty(systemFolder) ? Path.Combine(Environment.GetEnvironmentVariable("SystemRoot") ?? @"C:\Windows", "System32") : systemFolder, "netsh.exe");

    private static string Netsh(string arguments, TimeSpan timeout)
    {
        try
        {
            var info = new ProcessStartInfo(NetshPath(Environment.GetFolderPath(Environment.SpecialFolder.System)), arguments) { RedirectStandardOutput = true, UseShellExecute = false, CreateNoWindow = true };
            using var process = Process.Start(info);
            if (process is null)
            {
                return string.Empty;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill();
                return string.Empty;
            }

            return output.Result;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return string.Empty;
        }
    }
}
