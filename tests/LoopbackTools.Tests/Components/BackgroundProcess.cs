using System.Diagnostics;
using System.Text;

namespace LoopbackTools.Tests.Components;

/// <summary>A long-running real program whose combined output is kept as a log for failure reports.</summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public BackgroundProcess(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = ProcessStart.Info(Component.Find(program) ?? program, arguments, environment);
        CommandLine = program + " " + string.Join(' ', info.ArgumentList);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string CommandLine { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Polls <paramref name="ready"/> until it holds, failing with the log after <paramref name="timeout"/>.</summary>
    public void WaitUntil(Func<bool> ready, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{CommandLine} exited with {_process.ExitCode} before {what}:\n{Log}");
            }

            try
            {
                if (ready())
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or HttpRequestException or TimeoutException)
            {
                // not ready yet
            }

            Thread.Sleep(25);
        }

        throw new TimeoutException($"{CommandLine}: not {what} after {timeout.TotalSeconds:0.#} s:\n{Log}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
