using LoopbackTools.Containers;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>The Engine API's HTTP/1.1 response reader over the input as the whole byte stream of a connection.</summary>
public static class HttpResponseTarget
{
    /// <summary>A small body limit keeps one execution cheap; the limit's own check is exercised all the same.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    public static void Run(byte[] data)
    {
        CleanErrors.Allow(
            () =>
            {
                using var stream = new MemoryStream(data, writable: false);
                var response = new HttpResponseReader(stream, MaxBodyBytes).ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
                FuzzInvariantException.Check(response.Body.Length <= MaxBodyBytes, "the body stays within the limit");
                FuzzInvariantException.Check(response.Body.Length <= data.Length, "the body is no longer than the bytes received");
                FuzzInvariantException.Check(response.Headers.Count <= HttpResponseReader.MaxHeaders, "at most MaxHeaders headers");
            },
            DockerErrors.MalformedResponseId);
    }
}
