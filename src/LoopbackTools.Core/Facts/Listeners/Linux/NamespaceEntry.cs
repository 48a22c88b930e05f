using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// Runs a short piece of work inside another process's network namespace. setns(2) changes only the calling
/// thread, so the work runs on a dedicated thread that ends afterwards: the rest of the process never moves.
/// </summary>
internal static class NamespaceEntry
{
    public static T Run<T>(int processId, Func<T> work)
    {
        var nsPath = $"/proc/{processId}/ns/net";
        var fd = LinuxNative.Open(LinuxNative.Path(nsPath), LinuxNative.ORdOnly | LinuxNative.OCloexec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastWin32Error();
            if (errno == LinuxNative.Enoent || errno == LinuxNative.Esrch)
            {
                throw ListenerErrors.ProcessNotFound(processId);
            }

            throw ListenerErrors.NamespaceUnavailable(processId, $"cannot open {nsPath} (errno {errno})");
        }

        try
        {
            T result = default!;
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    if (LinuxNative.SetNs(fd, LinuxNative.CloneNewNet) != 0)
                    {
                        throw ListenerErrors.NamespaceUnavailable(processId, $"setns failed (errno {Marshal.GetLastWin32Error()})");
                    }

                    result = work();
                }
#pragma warning disable CA1031 // rethrown on the calling thread below
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = e;
                }
            })
            {
                IsBackground = true,
                Name = "LoopbackTools netns " + processId,
            };
            thread.Start();
            thread.Join();
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }

            return result;
        }
        finally
        {
            LinuxNative.Close(fd);
        }
    }
}
