using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Plays the blob trigger: polls the container named in each blobTrigger's path, fires once per blob version
/// (a receipt blob per function and ETag in <c>azure-webjobs-hosts/blobreceipts/…</c>, like the host's),
/// retries a failed invocation with doubling delays, and after <see cref="LocalHostOptions.MaxDequeueCount"/>
/// failures sends the host's poison message to <c>webjobs-blobtrigger-poison</c>.
/// </summary>
public sealed class BlobTriggerDriver
{
    public const string ReceiptContainer = "azure-webjobs-hosts";
    public const string PoisonQueue = "webjobs-blobtrigger-poison";

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
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!TryMatch(blob.Name, out var tokens))
            {
                if (_reportedMismatch.Add(blob.Name))
                {
                    _options.Log($"{_function.Name}: ignoring {_container}/{blob.Name}: the path does not match {_function.Trigger.Path}");
                }
                continue;
            }
            var receipt = _blobs.GetBlobContainerClient(ReceiptContainer).GetBlobClient(ReceiptName(blob.Name, blob.Properties.ETag!.Value));
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

    private string ReceiptName(string blobName, ETag etag) =>
        $"blobreceipts/local/{_function.Name}/{etag.ToString().Trim('"')}/{_container}/{blobName}";

    private async Task FireAsync(BlobClient blobClient, BlobItem blob, Dictionary<string, string> tokens, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var download = await blobClient.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var content = download.Value.Content.ToArray();
            var payload = HostPayloads.Blob(_function.Name, _function.Trigger.Name, content, tokens, blobClient.Uri,
                download.Value.Details.ETag.ToString(), download.Value.Details.ContentType, download.Value.Details.LastModified, DateTimeOffset.UtcNow);
            var ok = await _invoker.InvokeAsync(_function, "blob " + blob.Name, payload, attempt, cancellationToken).ConfigureAwait(false);
            if (ok)
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
                await _queues.GetQueueClient(PoisonQueue).SendMessageAsync(poison.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
                _options.Log($"{_function.Name}: {_container}/{blob.Name} failed {attempt} times; poison message sent to {PoisonQueue}");
                return;
            }
            await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt - 1), cancellationToken).ConfigureAwait(false);
        }
    }
}
