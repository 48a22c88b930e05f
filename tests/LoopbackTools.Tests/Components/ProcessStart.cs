using System.Diagnostics;

namespace LoopbackTools.Tests.Components;

/// <summary>How every real program is started by the tests: no shell, arguments passed as a list, output captured.</summary>
public static class ProcessStart
{
    public static ProcessStartInfo Info(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return info;
    }
}
