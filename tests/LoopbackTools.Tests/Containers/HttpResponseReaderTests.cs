using System.Text;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Tests.Containers;

public sealed class HttpResponseReaderTests
{
    [Fact]
    public async Task A_recorded_chunked_inspection_is_reassembled_into_its_json()
    {
        var raw = RecordedEngine.Fixture("inspect-web.http");
        Assert.Contains("Transfer-Encoding: chunked", Encoding.ASCII.GetString(raw), StringComparison.Ordinal);

        var response = await Read(raw);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("1.41", response.Headers["api-version"]);
        Assert.StartsWith("{\"Id\":\"", response.BodyText, StringComparison.Ordinal);
        Assert.EndsWith("}\n", response.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("12a8", response.BodyText[..10], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_content_length_response_is_read_exactly()
    {
        var response = await Read(RecordedEngine.Fixture("inspect-not-found.http"));

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("Not Found", response.Reason);
        Assert.Equal("{\"message\":\"No such container: no-such-container\"}\n", response.BodyText);
    }

    [Fact]
    public async Task Chunks_split_across_many_reads_and_a_body_without_length_are_read()
    {
        var chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n";
        Assert.Equal("abcde", (await Read(Encoding.ASCII.GetBytes(chunked), trickle: true)).BodyText);

        var toClose = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
        Assert.Equal("until the end", (await Read(Encoding.ASCII.GetBytes(toClose))).BodyText);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(600)]
    [InlineData(4000)]
    public async Task A_truncated_recorded_response_is_a_malformed_response_error(int keep)
    {
        var raw = RecordedEngine.Fixture("inspect-web.http");
        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => Read(raw[..keep]));
        Assert.Equal(DockerErrors.MalformedResponseId, error.ErrorId);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_content_length_body_says_how_much_arrived()
    {
        var raw = RecordedEngine.Fixture("inspect-not-found.http");
        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => Read(raw[..^10]));
        Assert.Contains("41 of 51 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n", "not HTTP/1.x")]
    [InlineData("HTTP/1.1 2OO OK\r\n\r\n", "not HTTP/1.x")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "no name")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", "not a number")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "not hexadecimal")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n", "longer than its announced size")]
    [InlineData("", "closed without a response")]
    public async Task Garbage_is_a_malformed_response_error_that_says_what_was_wrong(string raw, string expected)
    {
        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => Read(Encoding.ASCII.GetBytes(raw)));
        Assert.Equal(DockerErrors.MalformedResponseId, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_bytes_never_crash_the_reader()
    {
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var prefix = i % 2 == 0 ? Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") : Array.Empty<byte>();
            var error = await Record.ExceptionAsync(() => Read(prefix.Concat(bytes).ToArray()));
            Assert.True(error is null or LoopbackToolsException { ErrorId: DockerErrors.MalformedResponseId }, error?.ToString());
        }
    }

    [Fact]
    public async Task Oversized_lines_headers_and_bodies_are_refused_without_reading_them_all()
    {
        var longLine = "HTTP/1.1 200 OK\r\nX: " + new string('a', HttpResponseReader.MaxLineBytes + 10) + "\r\n\r\n";
        Assert.Contains("longer than", (await Assert.ThrowsAsync<LoopbackToolsException>(() => Read(Encoding.ASCII.GetBytes(longLine)))).Message, StringComparison.Ordinal);

        var manyHeaders = "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Range(0, HttpResponseReader.MaxHeaders + 1).Select(i => $"X-{i}: 1\r\n")) + "\r\n";
        Assert.Contains("headers", (await Assert.ThrowsAsync<LoopbackToolsException>(() => Read(Encoding.ASCII.GetBytes(manyHeaders)))).Message, StringComparison.Ordinal);

        var huge = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n");
        Assert.Contains("larger than", (await Assert.ThrowsAsync<LoopbackToolsException>(() => Read(huge))).Message, StringComparison.Ordinal);

        var hugeChunk = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffff\r\n");
        Assert.Contains("larger than", (await Assert.ThrowsAsync<LoopbackToolsException>(() => Read(hugeChunk, maxBody: 1024))).Message, StringComparison.Ordinal);
    }

    private static Task<EngineResponse> Read(byte[] raw, bool trickle = false, int maxBody = HttpResponseReader.DefaultMaxBodyBytes)
    {
        Stream stream = trickle ? new OneByteStream(raw) : new MemoryStream(raw);
        return new HttpResponseReader(stream, maxBody).ReadAsync(CancellationToken.None);
    }
}
