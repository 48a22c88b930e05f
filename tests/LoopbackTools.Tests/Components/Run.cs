using System.Diagnostics;

namespace LoopbackTools.Tests.Components;

/// <summary>Runs a real program to completion with a bounded time, capturing its output.</summary>
public static class Run
{
    public static ProcessResult Command(string program, IEnumerable<string> arguments, TimeSpan? timeout = null, IDictionary<string, string>? environment = null, string? stdin = null)
    {
        var info = ProcessStart.Info(program, arguments, environment, stdin is not null);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + program);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in time");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    public static ProcessResult Command(string program, params string[] arguments) => Command(program, arguments, null);
}
