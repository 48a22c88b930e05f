using System;
using System.IO;

namespace LoopbackTools.Hosts;

/// <summary>Reads a hosts file's bytes, turning every I/O failure into a Hosts.* error with the path as target.</summary>
internal static class HostsFileReader
{
    /// <summary>Real blocklists are tens of MiB; a bound keeps /dev/zero or a wrong path from eating memory.</summary>
    public const int MaxBytes = 256 * 1024 * 1024;

    public static byte[] ReadAllBytes(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (Directory.Exists(path))
        {
            // Opening a directory reports "access denied" on Unix, which would send the user the wrong way.
            throw HostsErrors.ReadFailed(path, "it is a directory.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            return ReadAll(stream, path);
        }
        catch (FileNotFoundException e)
        {
            throw HostsErrors.FileNotFound(path, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw HostsErrors.FileNotFound(path, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw HostsErrors.AccessDenied(path, e);
        }
        catch (IOException e)
        {
            throw HostsErrors.ReadFailed(path, e.Message, e);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw HostsErrors.ReadFailed(path, e.Message, e);
        }
    }

    /// <summary>Reads an open stream to its end, bounded by <see cref="MaxBytes"/>.</summary>
    public static byte[] ReadAll(FileStream stream, string path) =>
        stream.CanSeek && stream.Length > 0 ? ReadKnownLength(stream, path) : ReadToEnd(stream, path);

    private static byte[] ReadKnownLength(FileStream stream, string path)
    {
        if (stream.Length > MaxBytes)
        {
            throw HostsErrors.FileTooLarge(path, MaxBytes);
        }

        var content = new byte[stream.Length];
        var read = 0;
        while (read < content.Length)
        {
            var n = stream.Read(content, read, content.Length - read);
            if (n == 0)
            {
                // The file shrank while being read: keep what is there.
                Array.Resize(ref content, read);
                break;
            }

            read += n;
        }

        return content;
    }

    /// <summary>For files that report no length (pipes, /proc, character devices): read in chunks up to the bound.</summary>
    private static byte[] ReadToEnd(FileStream stream, string path)
    {
        using var memory = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (memory.Length + n > MaxBytes)
            {
                throw HostsErrors.FileTooLarge(path, MaxBytes);
            }

            memory.Write(chunk, 0, n);
        }

        return memory.ToArray();
    }
}
