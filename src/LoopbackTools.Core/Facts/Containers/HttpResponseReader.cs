using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Containers;

/// <summary>
/// Reads one HTTP/1.1 response: status line, headers, then a Content-Length, chunked or read-to-close body.
/// Every size is bounded and every deviation is a <c>Docker.MalformedResponse</c>, so a wrong or hostile
/// endpoint can neither exhaust memory nor crash the caller.
/// </summary>
internal sealed class HttpResponseReader
{
    public const int MaxLineBytes = 16 * 1024;
    public const int MaxHeaders = 128;
    public const int DefaultMaxBodyBytes = 64 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly int _maxBodyBytes;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _position;
    private int _length;

    public HttpResponseReader(Stream stream, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _maxBodyBytes = maxBodyBytes;
    }

    public async Task<EngineResponse> ReadAsync(CancellationToken cancellationToken)
    {
        var statusLine = await ReadLineAsync("the status line", cancellationToken).ConfigureAwait(false);
        var (status, reason) = ParseStatusLine(statusLine);
        var headers = await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);

        byte[] body;
        if ((status >= 100 && status < 200) || status == 204 || status == 304)
        {
            body = Array.Empty<byte>();
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            if (!long.TryParse(lengthText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw DockerErrors.Malformed($"Content-Length '{lengthText}' is not a number");
            }

            body = await ReadExactAsync(CheckedSize(length), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            body = await ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return new EngineResponse(status, reason, headers, body);
    }

    private static (int Status, string Reason) ParseStatusLine(string line)
    {
        // "HTTP/1.1 200 OK"; the reason phrase may be empty.
        var parts = line.Split(new[] { ' ' }, 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || parts[1].Length != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 100)
        {
            throw DockerErrors.Malformed("the status line is not HTTP/1.x: '" + Shorten(line) + "'");
        }

        return (status, parts.Length > 2 ? parts[2] : string.Empty);
    }

    private async Task<Dictionary<string, string>> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var count = 0; ; count++)
        {
            var line = await ReadLineAsync("the headers", cancellationToken).ConfigureAwait(false);
            if (line.Length == 0)
            {
                return headers;
            }

            if (count >= MaxHeaders)
            {
                throw DockerErrors.Malformed($"more than {MaxHeaders} headers");
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw DockerErrors.Malformed("a header line has no name: '" + Shorten(line) + "'");
            }

            var name = line.Substring(0, colon).Trim();
            var value = line.Substring(colon + 1).Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync("a chunk size", cancellationToken).ConfigureAwait(false);
            var semicolon = sizeLine.IndexOf(';');
            var sizeText = (semicolon >= 0 ? sizeLine.Substring(0, semicolon) : sizeLine).Trim();
            if (sizeText.Length == 0 || sizeText.Length > 8 || !int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw DockerErrors.Malformed("a chunk size is not hexadecimal: '" + Shorten(sizeLine) + "'");
            }

            if (size == 0)
            {
                // Trailers (rare) end with an empty line, like headers.
                await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);
                return body.ToArray();
            }

            CheckedSize(body.Length + (long)size);
            var chunk = await ReadExactAsync(size, cancellationToken).ConfigureAwait(false);
            body.Write(chunk, 0, chunk.Length);
            if ((await ReadLineAsync("a chunk's end", cancellationToken).ConfigureAwait(false)).Length != 0)
            {
                throw DockerErrors.Malformed("a chunk is longer than its announced size");
            }
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_position == _length && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw DockerErrors.Malformed($"the body ended after {filled} of {count} bytes (truncated)");
            }

            var take = Math.Min(count - filled, _length - _position);
            Buffer.BlockCopy(_buffer, _position, result, filled, take);
            _position += take;
            filled += take;
        }

        return result;
    }

    private async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        do
        {
            CheckedSize(body.Length + (_length - _position));
            body.Write(_buffer, _position, _length - _position);
            _position = _length;
        }
        while (await FillAsync(cancellationToken).ConfigureAwait(false));

        return body.ToArray();
    }

    private async Task<string> ReadLineAsync(string what, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw DockerErrors.Malformed(line.Length == 0 && what == "the status line" ? "the connection closed without a response" : $"the response ended inside {what} (truncated)");
            }

            var b = _buffer[_position++];
            if (b == (byte)'\n')
            {
                if (line.Length > 0 && line[line.Length - 1] == '\r')
                {
                    line.Length--;
                }

                return line.ToString();
            }

            if (line.Length >= MaxLineBytes)
            {
                throw DockerErrors.Malformed($"a line in {what} is longer than {MaxLineBytes} bytes");
            }

            // Status and header lines are ASCII; anything else is shown as-is in the error.
            line.Append((char)b);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _position = 0;
        _length = await _stream.ReadAsync(_buffer, 0, _buffer.Length, cancellationToken).ConfigureAwait(false);
        return _length > 0;
    }

    private int CheckedSize(long size)
    {
        if (size > _maxBodyBytes)
        {
            throw DockerErrors.Malformed($"the body is larger than {_maxBodyBytes} bytes");
        }

        return (int)size;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "...";
}
