using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace LoopbackTools.Hosts;

/// <summary>
/// Windows' ReplaceFile with what File.Replace leaves out. Transient failures (32 sharing violation, 5 access
/// denied, 1175 unable to remove the replaced file: antivirus watching the hosts file holds the fresh file open)
/// are retried with backoff for about three seconds. ReplaceFile can fail half-way (1176: the replacement could
/// not be renamed and, without a backup name, the original is gone; 1177: the original sits under the backup
/// name): the original is put back (from the backup name, else from the bytes in memory) before the error is
/// reported, and the error says so. The call itself is a seam so tests inject the codes on any OS.
/// </summary>
internal sealed class WindowsFileReplacer
{
    public const int SharingViolation = 32;
    public const int AccessDenied = 5;
    public const int UnableToRemoveReplaced = 1175;
    public const int UnableToMoveReplacement = 1176;
    public const int UnableToMoveReplacement2 = 1177;

    private const uint WriteThrough = 1; // REPLACEFILE_WRITE_THROUGH, as File.Replace passes

    /// <summary>Backoff before each retry: about 3 s in all.</summary>
    private static readonly TimeSpan[] RetryDelays =
    {
        TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200),
        TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1500),
    };

    private readonly Func<string, string, string?, int> _replaceFile;
    private readonly Action<TimeSpan> _wait;

    /// <param name="replaceFile">(replacement, replaced, backup) to 0 or a Win32 error code, as ReplaceFileW reports it.</param>
    /// <param name="wait">Sleeps between retries.</param>
    public WindowsFileReplacer(Func<string, string, string?, int> replaceFile, Action<TimeSpan> wait)
    {
        _replaceFile = replaceFile ?? throw new ArgumentNullException(nameof(replaceFile));
        _wait = wait ?? throw new ArgumentNullException(nameof(wait));
    }

    public static WindowsFileReplacer System { get; } = new(CallReplaceFile, Thread.Sleep);

    /// <summary>Replaces <paramref name="target"/> (which holds <paramref name="original"/>) with <paramref name="replacement"/>.</summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.WriteFailed saying what the file holds; Hosts.WriteIncomplete if it could not be put back.</exception>
    public void Replace(string replacement, string target, string? backup, byte[] original, string displayPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            var error = _replaceFile(replacement, target, backup);
            if (error == 0)
            {
                return;
            }

            if (error is SharingViolation or AccessDenied or UnableToRemoveReplaced && attempt < RetryDelays.Length)
            {
                _wait(RetryDelays[attempt]);
                continue;
            }

            var reason = $"ReplaceFile failed with error {error} ({new Win32Exception(error).Message})" + (attempt > 0 ? $" after {attempt + 1} attempts." : ".");
            if (error is UnableToMoveReplacement or UnableToMoveReplacement2)
            {
                throw HostsErrors.WriteFailed(displayPath, reason, null, RestoreOriginal(target, backup, original, displayPath, reason));
            }

            if (error == AccessDenied)
            {
                throw new UnauthorizedAccessException(reason);
            }

            throw new IOException(reason, error);
        }
    }

    /// <summary>Puts the original back at <paramref name="target"/> after a half-done ReplaceFile; returns what the file holds now.</summary>
    private static string RestoreOriginal(string target, string? backup, byte[] original, string displayPath, string reason)
    {
        try
        {
            if (File.Exists(target) && HostsFileWriter.SameBytes(File.ReadAllBytes(target), original))
            {
                return HostsErrors.NotChanged;
            }

            if (backup is not null && File.Exists(backup) && HostsFileWriter.SameBytes(File.ReadAllBytes(backup), original))
            {
                // The original file itself (its ACL, owner and attributes) sits under the backup name: move it back.
                if (File.Exists(target))
                {
                    File.Delete(target);
                }

                File.Move(backup, target);
                return $"The original was moved back from '{backup}', so the file holds what it held before (the backup was not kept).";
            }

            File.WriteAllBytes(target, original);
            return $"The original {original.Length:N0} bytes were written back from memory, so the file holds what it held before (with the folder's default ACL).";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw HostsErrors.WriteIncomplete(displayPath, reason + " Restoring the original failed: " + e.Message, backup, e);
        }
    }

    private static int CallReplaceFile(string replacement, string target, string? backup) =>
        ReplaceFileW(target, replacement, backup, WriteThrough, IntPtr.Zero, IntPtr.Zero) ? 0 : Marshal.GetLastWin32Error();

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool ReplaceFileW(string replacedFileName, string replacementFileName, string? backupFileName, uint flags, IntPtr exclude, IntPtr reserved);
}
