using System;
using System.IO;
using System.IO.Pipes;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Containers;

/// <summary>Opens a byte stream to the engine's endpoint, turning every way that can fail into a stable error.</summary>
internal static class EngineConnector
{
    public static async Task<Stream> ConnectAsync(DockerEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        switch (endpoint.Kind)
        {
            case DockerEndpointKind.NamedPipe:
                return await ConnectPipeAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false);
            case DockerEndpointKind.UnixSocket:
                return await ConnectSocketAsync(endpoint, new UnixSocketEndPoint(endpoint.Address), ProtocolType.Unspecified, timeout, cancellationToken).ConfigureAwait(false);
            default:
                var address = IPAddress.Parse(endpoint.Address);
                return await ConnectSocketAsync(endpoint, new IPEndPoint(address, endpoint.Port), ProtocolType.Tcp, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Stream> ConnectSocketAsync(DockerEndpoint endpoint, EndPoint target, ProtocolType protocol, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Socket socket;
        try
        {
            socket = new Socket(target.AddressFamily, SocketType.Stream, protocol);
        }
        catch (Exception e) when (e is SocketException or NotSupportedException)
        {
            throw DockerErrors.EngineUnreachable(endpoint, "this system cannot open such a socket (" + e.Message + ")", e);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            // netstandard2.0 has no cancellable ConnectAsync: closing the socket ends a pending connect.
            using (limit.Token.Register(socket.Dispose))
            {
                await Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, target, null).ConfigureAwait(false);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or NotSupportedException)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            if (limit.IsCancellationRequested)
            {
                throw DockerErrors.Timeout(endpoint, "the connection");
            }

            var error = (e as SocketException)?.SocketErrorCode;
            throw error switch
            {
                SocketError.AccessDenied => DockerErrors.PermissionDenied(endpoint, e),
                SocketError.ConnectionRefused => DockerErrors.EngineUnreachable(endpoint, "nothing accepts connections there (connection refused)", e),
                _ when endpoint.Kind == DockerEndpointKind.UnixSocket && !File.Exists(endpoint.Address) =>
                    DockerErrors.EngineUnreachable(endpoint, "the socket " + endpoint.Address + " does not exist", e),
                _ => DockerErrors.EngineUnreachable(endpoint, e.Message, e),
            };
        }
    }

    private static async Task<Stream> ConnectPipeAsync(DockerEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", endpoint.Address, PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds), cancellationToken).ConfigureAwait(false);
            return pipe;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or TimeoutException or IOException)
        {
            pipe.Dispose();
            throw e switch
            {
                UnauthorizedAccessException => DockerErrors.PermissionDenied(endpoint, e),
                TimeoutException => DockerErrors.EngineUnreachable(endpoint, "the named pipe does not exist or is busy", e),
                _ => DockerErrors.EngineUnreachable(endpoint, e.Message, e),
            };
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
    }
}
