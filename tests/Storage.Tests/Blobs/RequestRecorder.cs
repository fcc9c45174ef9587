using Azure.Core;
using Azure.Core.Pipeline;

namespace Bankflow.Storage.Tests;

/// <summary>A per-call policy that records each request's method and URL, to prove how many requests (if any) a call made.</summary>
internal sealed class RequestRecorder : HttpPipelineSynchronousPolicy
{
    private readonly List<string> _requests = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        lock (_requests)
        {
            _requests.Add($"{message.Request.Method} {message.Request.Uri}");
        }
    }
}
