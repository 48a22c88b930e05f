using System.Collections.Generic;
using System.Text;

namespace LoopbackTools.Containers;

/// <summary>One HTTP/1.1 response from the engine, with its body already de-chunked.</summary>
internal sealed class EngineResponse
{
    public EngineResponse(int statusCode, string reason, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        StatusCode = statusCode;
        Reason = reason;
        Headers = headers;
        Body = body;
    }

    public int StatusCode { get; }

    public string Reason { get; }

    /// <summary>Header names compared case-insensitively; repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;
}
