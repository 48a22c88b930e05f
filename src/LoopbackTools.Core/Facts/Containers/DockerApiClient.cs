using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Diagnostics;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.Containers;

/// <summary>
/// A minimal Docker Engine API client (also speaks to podman's API service): one HTTP/1.1 GET per
/// connection, each bounded by <see cref="Timeout"/> and cancellable, on a versioned path chosen from /version.
/// </summary>
public sealed class DockerApiClient
{
    private readonly SemaphoreSlim _versionGate = new(1, 1);
    private EngineInfo? _engine;

    public DockerApiClient(DockerEndpoint endpoint, TimeSpan timeout)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        Timeout = timeout <= TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(timeout)) : timeout;
    }

    public DockerEndpoint Endpoint { get; }

    /// <summary>The engine once <see cref="GetEngineAsync"/> has answered; null before.</summary>
    public EngineInfo? Engine => _engine;

    /// <summary>The limit for one request: connect, send and read the whole response.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The engine and the negotiated API path; asked once, then remembered.</summary>
    public async Task<EngineInfo> GetEngineAsync(CancellationToken cancellationToken)
    {
        if (_engine is not null)
        {
            return _engine;
        }

        await _versionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_engine is null)
            {
                var response = await SendAsync("/version", cancellationToken).ConfigureAwait(false);
                _engine = response.IsSuccess
                    ? DockerJson.ParseVersion(DockerJson.Parse(response.Body, "/version"))
                    : throw DockerErrors.ApiError("/version", response.StatusCode, EngineMessage(response));
            }

            return _engine;
        }
        finally
        {
            _versionGate.Release();
        }
    }

    /// <summary>Ids of the running containers.</summary>
    public async Task<IReadOnlyList<string>> ListRunningContainerIdsAsync(CancellationToken cancellationToken)
    {
        var json = await GetJsonAsync("/containers/json", null, cancellationToken).ConfigureAwait(false);
        return DockerJson.ParseContainerIds(json);
    }

    /// <summary>Names of the running containers (what Test-ContainerPort -Name completes).</summary>
    public async Task<IReadOnlyList<string>> ListRunningContainerNamesAsync(CancellationToken cancellationToken)
    {
        var json = await GetJsonAsync("/containers/json", null, cancellationToken).ConfigureAwait(false);
        return DockerJson.ParseContainerNames(json);
    }

    /// <summary>Inspects a container by name, id or unique id prefix; <c>Docker.ContainerNotFound</c> when there is none.</summary>
    public async Task<ContainerInspection> InspectContainerAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var key = (nameOrId ?? string.Empty).Trim().TrimStart('/');
        if (key.Length == 0)
        {
            throw DockerErrors.ContainerNotFound(nameOrId ?? string.Empty, "an empty name");
        }

        var json = await GetJsonAsync("/containers/" + Uri.EscapeDataString(key) + "/json", key, cancellationToken).ConfigureAwait(false);
        return DockerJson.ParseInspection(json);
    }

    /// <summary>GETs a path under the negotiated version; a 404 on a container path names the container.</summary>
    public async Task<JToken> GetJsonAsync(string path, string? container, CancellationToken cancellationToken)
    {
        var engine = await GetEngineAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendAsync(engine.PathPrefix + path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404 && container is not null)
        {
            throw DockerErrors.ContainerNotFound(container, EngineMessage(response));
        }

        if (!response.IsSuccess)
        {
            throw DockerErrors.ApiError(path, response.StatusCode, EngineMessage(response));
        }

        return DockerJson.Parse(response.Body, path);
    }

    internal async Task<EngineResponse> SendAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        Stream? stream = null;
        try
        {
            stream = await EngineConnector.ConnectAsync(Endpoint, Timeout, limit.Token).ConfigureAwait(false);
            // Streams on netstandard2.0 may ignore the token: closing the stream unblocks any pending read.
            using (limit.Token.Register(stream.Dispose))
            {
                var request = Encoding.ASCII.GetBytes(
                    "GET " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: LoopbackTools\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(request, 0, request.Length, limit.Token).ConfigureAwait(false);
                await stream.FlushAsync(limit.Token).ConfigureAwait(false);
                return await new HttpResponseReader(stream).ReadAsync(limit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is not LoopbackToolsException)
        {
            throw DockerErrors.Timeout(Endpoint, pathAndQuery);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            throw DockerErrors.EngineUnreachable(Endpoint, "the connection broke during " + pathAndQuery + " (" + e.Message + ")", e);
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>The engine's own explanation, from its JSON error body <c>{"message":"..."}</c>.</summary>
    private static string EngineMessage(EngineResponse response)
    {
        try
        {
            return (string?)(JToken.Parse(response.BodyText) as JObject)?["message"] ?? response.Reason;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return response.Reason;
        }
    }
}
