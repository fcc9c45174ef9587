using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Plays the blob trigger: polls the container named in the blobTrigger's path (Event Grid would notify in Azure; the
/// semantics — once per blob version — are the same), fires once per blob version (a receipt per function and ETag,
/// <see cref="HostRules.ReceiptName"/>), retries a failed invocation with doubling delays, and after
/// <see cref="LocalHostOptions.MaxDequeueCount"/> failures sends the host's poison message to
/// <see cref="HostRules.BlobPoisonQueue"/>. The worker reads the blob itself (deferred binding): LocalHost only lists.
/// </summary>
public sealed class BlobTriggerDriver
{
    private readonly FunctionDefinition _function;
    private readonly BlobServiceClient _blobs;
    private readonly QueueServiceClient _queues;
    private readonly LocalInvoker _invoker;
    private readonly LocalHostOptions _options;
    private readonly string _container;
    private readonly Regex _pattern;
    private readonly string[] _tokens;
    private readonly HashSet<string> _reportedMismatch = new(StringComparer.Ordinal);

    public BlobTriggerDriver(FunctionDefinition function, BlobServiceClient blobs, QueueServiceClient queues, LocalInvoker invoker, LocalHostOptions options)
    {
        _function = function;
        _blobs = blobs;
        _queues = queues;
        _invoker = invoker;
        _options = options;
        var path = function.Trigger.Path ?? throw new InvalidDataException($"{function.Name}: blobTrigger has no path");
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        _container = slash < 0 ? path : path[..slash];
        (_pattern, _tokens) = CompilePattern(slash < 0 ? "{name}" : path[(slash + 1)..]);
    }

    public string Container => _container;

    /// <summary>Blob-path pattern such as <c>{clientId}/{channel}/{name}</c>: tokens match one segment, the last token the rest.</summary>
    internal static (Regex Pattern, string[] Tokens) CompilePattern(string pattern)
    {
        var tokens = new List<string>();
        var regex = Regex.Replace(Regex.Escape(pattern).Replace(@"\{", "{", StringComparison.Ordinal), @"\{(\w+)}", m =>
        {
            tokens.Add(m.Groups[1].Value);
            return $"(?<{m.Groups[1].Value}>[^/]+)";
        });
        // The final token may hold further '/' segments, as the host allows for {name}.
        if (tokens.Count > 0)
        {
            var last = tokens[^1];
            regex = regex.Replace($"(?<{last}>[^/]+)", $"(?<{last}>.+)", StringComparison.Ordinal);
        }
        return (new Regex("^" + regex + "$", RegexOptions.CultureInvariant), tokens.ToArray());
    }

    internal bool TryMatch(string blobName, out Dictionary<string, string> tokens)
    {
        tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var match = _pattern.Match(blobName);
        if (!match.Success)
        {
            return false;
        }
        foreach (var token in _tokens)
        {
            tokens[token] = match.Groups[token].Value;
        }
        return true;
    }

    /// <summary>One scan: fires the function for every blob version without a receipt. Returns how many fired.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        var container = _blobs.GetBlobContainerClient(_container);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            if (!TryMatch(blob.Name, out var tokens))
            {
                if (_reportedMismatch.Add(blob.Name))
                {
                    _options.Log($"{_function.Name}: ignoring {_container}/{LogText.Path(blob.Name)}: the path does not match {_function.Trigger.Path}");
                }
                continue;
            }
            var etag = blob.Properties.ETag?.ToString() ?? "";
            var receipt = _blobs.GetBlobContainerClient(HostRules.ReceiptContainer).GetBlobClient(HostRules.ReceiptName(_function.Name, etag, _container, blob.Name));
            if ((await receipt.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
            {
                continue;
            }
            await FireAsync(container.GetBlobClient(blob.Name), blob, tokens, cancellationToken).ConfigureAwait(false);
            await receipt.UploadAsync(BinaryData.FromString("{}"), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken).ConfigureAwait(false);
            fired++;
        }
        return fired;
    }

    private async Task FireAsync(BlobClient blobClient, BlobItem blob, Dictionary<string, string> tokens, CancellationToken cancellationToken)
    {
        var facts = new TriggerInputs.BlobFacts(
            blob.Properties.ContentLength ?? 0,
            blob.Properties.ContentType,
            blob.Properties.ETag?.ToString() ?? "",
            blob.Properties.LastModified ?? DateTimeOffset.UtcNow,
            blob.Metadata is { } metadata ? new Dictionary<string, string>(metadata) : new Dictionary<string, string>());
        for (var attempt = 1; ; attempt++)
        {
            var input = TriggerInputs.Blob(_function, _container, blob.Name, tokens, blobClient.Uri, facts, DateTimeOffset.UtcNow);
            if (await _invoker.InvokeAsync(_function, "blob " + blob.Name, input, attempt, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            if (attempt >= _options.MaxDequeueCount)
            {
                var poison = new System.Text.Json.Nodes.JsonObject
                {
                    ["FunctionId"] = $"Host.Functions.{_function.Name}",
                    ["BlobType"] = "BlockBlob",
                    ["ContainerName"] = _container,
                    ["BlobName"] = blob.Name,
                    ["ETag"] = blob.Properties.ETag?.ToString(),
                };
                await _queues.GetQueueClient(HostRules.BlobPoisonQueue).SendMessageAsync(poison.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
                _options.Log($"{_function.Name}: {_container}/{LogText.Path(blob.Name)} failed {attempt} times; poison message sent to {HostRules.BlobPoisonQueue}");
                return;
            }
            await Task.Delay(HostRules.RetryDelay(_options.RetryDelay, attempt), cancellationToken).ConfigureAwait(false);
        }
    }
}
