using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace LoopbackTools.Listeners.Windows;

/// <summary>
/// The Win32 services hosted by each process, read once per scan: EnumServicesStatusExW(SC_ENUM_PROCESS_INFO,
/// SERVICE_WIN32, SERVICE_ACTIVE), growing the buffer while the SCM asks for more. Parsing is in
/// <see cref="ServiceStatusProcessTable"/>. Any failure (no right to enumerate, no SCM) means no services: the
/// Service property stays empty.
/// </summary>
internal static class ServiceControlManager
{
    private const uint ScManagerEnumerateService = 0x0004;
    private const int ScEnumProcessInfo = 0;
    private const uint ServiceWin32 = 0x30;
    private const uint ServiceActive = 0x1;
    private const int ErrorMoreData = 234;

    public static Dictionary<int, string> ServicesByProcess()
    {
        var services = new List<HostedService>();
        var manager = OpenSCManagerW(null, null, ScManagerEnumerateService);
        if (manager == IntPtr.Zero)
        {
            return new Dictionary<int, string>();
        }

        try
        {
            uint resume = 0;
            var size = 0;
            for (var attempt = 0; attempt < 16; attempt++)
            {
                var buffer = new byte[Math.Max(size, 1)];
                var pin = GCHandle.Alloc(buffer, GCHandleType.Pinned);
                try
                {
                    var ok = EnumServicesStatusExW(manager, ScEnumProcessInfo, ServiceWin32, ServiceActive, pin.AddrOfPinnedObject(), (uint)buffer.Length, out var needed, out var returned, ref resume, null);
                    var error = ok ? 0 : Marshal.GetLastWin32Error();
                    services.AddRange(ServiceStatusProcessTable.Parse(buffer, buffer.Length, (int)returned, pin.AddrOfPinnedObject().ToInt64(), IntPtr.Size));
                    if (ok || error != ErrorMoreData)
                    {
                        break;
                    }

                    size = (int)Math.Min(int.MaxValue, Math.Max(needed, (uint)buffer.Length * 2));
                }
                finally
                {
                    pin.Free();
                }
            }
        }
        finally
        {
            CloseServiceHandle(manager);
        }

        return ServiceStatusProcessTable.ByProcess(services);
    }

    [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    private static extern IntPtr OpenSCManagerW(string? machineName, string? databaseName, uint desiredAccess);

    [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool EnumServicesStatusExW(IntPtr manager, int infoLevel, uint serviceType, uint serviceState, IntPtr services, uint bufferSize, out uint bytesNeeded, out uint servicesReturned, ref uint resumeHandle, string? groupName);

    [DllImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CloseServiceHandle(IntPtr handle);
}
