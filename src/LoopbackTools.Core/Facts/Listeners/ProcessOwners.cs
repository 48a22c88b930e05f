using System;
using System.ComponentModel;
using System.Diagnostics;

namespace LoopbackTools.Listeners;

/// <summary>Owner details from System.Diagnostics.Process, for platforms whose socket tables carry only a pid.</summary>
internal static class ProcessOwners
{
    public static ProcessOwner FromProcessTable(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return new ProcessOwner(processId, process.ProcessName, null, null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return new ProcessOwner(processId, null, null, null); // exited, or a protected system process
        }
    }
}
