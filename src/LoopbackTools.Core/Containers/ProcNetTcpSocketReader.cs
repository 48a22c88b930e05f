using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Containers;

/// <summary>
/// Reads a container's listening TCP sockets from the host through <c>/proc/&lt;pid&gt;/net/tcp</c> and <c>tcp6</c>,
/// which show the network namespace of that pid. Interim: to be replaced by Core/Listeners' scanner.
/// </summary>
public sealed class ProcNetTcpSocketReader : IContainerSocketReader
{
    private const string ListenState = "0A";
    private readonly string _procRoot;

    public ProcNetTcpSocketReader(string procRoot = "/proc")
    {
        _procRoot = procRoot;
    }

    public Task<InsideListeners> FindTcpListenersAsync(int pid, int port, CancellationToken cancellationToken)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return Task.FromResult(InsideListeners.Unknown("the container's sockets can only be read on Linux (here the engine runs in a VM)"));
        }

        if (pid <= 0)
        {
            return Task.FromResult(InsideListeners.Unknown("the engine reported no process for the container"));
        }

        var addresses = new List<IPAddress>();
        foreach (var file in new[] { "tcp", "tcp6" })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(_procRoot, pid.ToString(CultureInfo.InvariantCulture), "net", file);
            try
            {
                addresses.AddRange(ParseListeners(File.ReadAllLines(path), port));
            }
            catch (UnauthorizedAccessException)
            {
                return Task.FromResult(InsideListeners.Unknown($"not permitted to read {path} (run as root or as the container's user)"));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // tcp6 is absent when the kernel has no IPv6; a missing pid folder means the container just stopped.
                if (file == "tcp")
                {
                    return Task.FromResult(InsideListeners.Unknown($"cannot read {path}: the container's process is gone"));
                }
            }
            catch (IOException e)
            {
                return Task.FromResult(InsideListeners.Unknown($"cannot read {path}: {e.Message}"));
            }
        }

        return Task.FromResult(InsideListeners.Known(addresses.Distinct().ToList()));
    }

    /// <summary>Local addresses of the LISTEN lines for <paramref name="port"/> in a /proc/net/tcp{,6} table.</summary>
    public static IEnumerable<IPAddress> ParseListeners(IEnumerable<string> lines, int port)
    {
        if (lines is null)
        {
            throw new ArgumentNullException(nameof(lines));
        }

        foreach (var line in lines)
        {
            var fields = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != ListenState)
            {
                continue;
            }

            var colon = fields[1].IndexOf(':');
            if (colon < 0 || !int.TryParse(fields[1].Substring(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var localPort) || localPort != port)
            {
                continue;
            }

            var address = ParseHexAddress(fields[1].Substring(0, colon));
            if (address is not null)
            {
                yield return address;
            }
        }
    }

    /// <summary>The kernel prints each 32-bit word of the address in host (little-endian) order.</summary>
    private static IPAddress? ParseHexAddress(string hex)
    {
        if (hex.Length != 8 && hex.Length != 32)
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            for (var i = 0; i < 4; i++)
            {
                if (!byte.TryParse(hex.Substring((word * 8) + (i * 2), 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return null;
                }

                bytes[(word * 4) + 3 - i] = b;
            }
        }

        return new IPAddress(bytes);
    }
}
