namespace LoopbackTools.Tests.Components;

public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public ProcessResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited with {ExitCode}: {Error}{Output}");
        }

        return this;
    }
}
