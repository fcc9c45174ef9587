using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace Bankflow.Storage.Tables;

/// <summary>One action's response inside a transaction answer (status, headers such as ETag, body).</summary>
internal sealed class TablePartResponse : Response
{
    private readonly IReadOnlyDictionary<string, string> _headers;

    public TablePartResponse(int status, string reasonPhrase, IReadOnlyDictionary<string, string> headers, string body, string clientRequestId)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        _headers = headers;
        ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(body), writable: false);
        ClientRequestId = clientRequestId;
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        if (_headers.TryGetValue(name, out var value))
        {
            values = [value];
            return true;
        }
        values = null;
        return false;
    }
}

/// <summary>The answer of an *IfExists read: <see cref="Value"/> is null and <see cref="HasValue"/> false when the row is absent.</summary>
internal sealed class TableNullableResponse<T>(T? value, Response raw) : NullableResponse<T>
{
    public override bool HasValue => value is not null;

    public override T? Value => value;

    public override Response GetRawResponse() => raw;
}
