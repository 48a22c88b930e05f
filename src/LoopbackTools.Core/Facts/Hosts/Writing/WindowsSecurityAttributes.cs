using System;
using System.Runtime.InteropServices;

namespace LoopbackTools.Hosts;

/// <summary>Win32 SECURITY_ATTRIBUTES: how CreateFileW receives the security descriptor of a file it creates.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WindowsSecurityAttributes
{
    public int Length;
    public IntPtr Descriptor;
    public int InheritHandle;
}
