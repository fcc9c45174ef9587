using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bankflow.LocalHost.Hosting.Rpc.Messages;
using Google.Protobuf;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Builds each trigger's invocation data the way the Functions host sends it to an isolated worker: the trigger value
/// under the trigger binding's name, and trigger metadata (binding data) the worker binds other parameters from —
/// strings as <c>string</c>, numbers, dates and objects as <c>json</c> (the .NET worker refuses <c>int</c> there), plus the host's
/// <c>sys</c> object.
/// </summary>
public static class TriggerInputs
{
    /// <summary>The app setting the storage bindings use when a binding names none (the host's default).</summary>
    public const string DefaultConnection = "AzureWebJobsStorage";

    public static TypedData Text(string value) => new() { String = value };

    public static TypedData Number(long value) => new() { Json = value.ToString(CultureInfo.InvariantCulture) };

    public static TypedData Json(JsonNode? value) => new() { Json = value?.ToJsonString() ?? "null" };

    public static TypedData Date(DateTimeOffset value) => Json(JsonValue.Create(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));

    private static JsonObject Sys(string functionName, DateTimeOffset now) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    /// <summary>The blob's properties the host puts in the <c>Properties</c> metadata.</summary>
    public sealed record BlobFacts(long ContentLength, string? ContentType, string ETag, DateTimeOffset LastModified, IReadOnlyDictionary<string, string> Metadata);

    /// <summary>
    /// Blob trigger with deferred binding (the worker's metadata marks blob triggers <c>supportsDeferredBinding</c>):
    /// no bytes, but <c>ModelBindingData</c> naming connection, container and blob; the worker reads the blob itself
    /// with its own client (BlobClient, Stream or string parameters alike).
    /// </summary>
    public static TriggerInput Blob(FunctionDefinition function, string container, string blobName, IReadOnlyDictionary<string, string> pathTokens,
        Uri blobUri, BlobFacts facts, DateTimeOffset now)
    {
        var trigger = function.Trigger;
        var content = new JsonObject
        {
            ["Connection"] = trigger.Connection ?? DefaultConnection,
            ["ContainerName"] = container,
            ["BlobName"] = blobName,
        };
        var value = new TypedData
        {
            ModelBindingData = new ModelBindingData
            {
                Version = "1.0",
                Source = "AzureStorageBlobs",
                ContentType = "application/json",
                Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes(content.ToJsonString())),
            },
        };
        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal);
        foreach (var (token, tokenValue) in pathTokens)
        {
            metadata[token] = Text(tokenValue);
        }
        metadata["BlobTrigger"] = Text($"{container}/{blobName}");
        metadata["Uri"] = Text(blobUri.AbsoluteUri);
        metadata["Properties"] = Json(new JsonObject
        {
            ["ContentLength"] = facts.ContentLength,
            ["ContentType"] = facts.ContentType,
            ["ETag"] = facts.ETag,
            ["LastModified"] = facts.LastModified.ToString("O", CultureInfo.InvariantCulture),
            ["BlobType"] = "Block",
        });
        var blobMetadata = new JsonObject();
        foreach (var (key, metaValue) in facts.Metadata)
        {
            blobMetadata[key] = metaValue;
        }
        metadata["Metadata"] = Json(blobMetadata);
        metadata["sys"] = Json(Sys(function.Name, now));
        return new TriggerInput(new Dictionary<string, TypedData> { [trigger.Name] = value }, metadata);
    }

    /// <summary>The queue message facts the host passes as metadata.</summary>
    public sealed record QueueFacts(string Id, long DequeueCount, string PopReceipt, DateTimeOffset? InsertionTime, DateTimeOffset? ExpirationTime, DateTimeOffset? NextVisibleTime);

    /// <summary>
    /// Queue trigger: the message text (host.json <c>messageEncoding: none</c>, so as stored) as a string, which the
    /// worker binds to string or deserialises to a POCO; a JSON object's top-level scalars also become binding data,
    /// as the host does, so <c>{clientId}</c>-style parameters bind.
    /// </summary>
    public static TriggerInput Queue(FunctionDefinition function, string text, QueueFacts facts, DateTimeOffset now)
    {
        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal);
        foreach (var (key, value) in JsonScalars(text))
        {
            metadata[key] = value;
        }
        metadata["Id"] = Text(facts.Id);
        metadata["DequeueCount"] = Number(facts.DequeueCount);
        metadata["PopReceipt"] = Text(facts.PopReceipt);
        metadata["QueueTrigger"] = Text(text);
        foreach (var (key, value) in new[] { ("InsertionTime", facts.InsertionTime), ("ExpirationTime", facts.ExpirationTime), ("NextVisibleTime", facts.NextVisibleTime) })
        {
            if (value is { } date)
            {
                metadata[key] = Date(date);
            }
        }
        metadata["sys"] = Json(Sys(function.Name, now));
        return new TriggerInput(new Dictionary<string, TypedData> { [function.Trigger.Name] = Text(text) }, metadata);
    }

    private static IEnumerable<(string Key, TypedData Value)> JsonScalars(string text)
    {
        JsonObject? body;
        try
        {
            body = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            yield break;
        }
        foreach (var (key, value) in body)
        {
            if (value is JsonValue v)
            {
                yield return (key, v.GetValueKind() switch
                {
                    JsonValueKind.String => Text(v.GetValue<string>()),
                    JsonValueKind.Number when v.TryGetValue<long>(out var n) => Number(n),
                    _ => Json(v.DeepClone()),
                });
            }
        }
    }

    /// <summary>Timer trigger: TimerInfo as JSON — schedule, schedule status (null on the first run), past-due flag.</summary>
    public static TriggerInput Timer(FunctionDefinition function, bool isPastDue, DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now)
    {
        var timer = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject
            {
                ["Last"] = (last ?? DateTimeOffset.MinValue).ToString("O", CultureInfo.InvariantCulture),
                ["Next"] = next.ToString("O", CultureInfo.InvariantCulture),
                ["LastUpdated"] = now.ToString("O", CultureInfo.InvariantCulture),
            },
            ["IsPastDue"] = isPastDue,
        };
        return new TriggerInput(
            new Dictionary<string, TypedData> { [function.Trigger.Name] = Json(timer) },
            new Dictionary<string, TypedData>(StringComparer.Ordinal) { ["sys"] = Json(Sys(function.Name, now)) });
    }

    /// <summary>
    /// HTTP trigger in the ASP.NET Core integration: an empty <c>RpcHttp</c> (the real request goes to the worker's own
    /// listener), route parameters in the metadata — that is where <c>string id</c> parameters bind from.
    /// </summary>
    public static TriggerInput Http(FunctionDefinition function, IReadOnlyDictionary<string, string> routeValues, DateTimeOffset now)
    {
        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal);
        foreach (var (key, value) in routeValues)
        {
            metadata[key] = Text(value);
        }
        metadata["sys"] = Json(Sys(function.Name, now));
        return new TriggerInput(new Dictionary<string, TypedData> { [function.Trigger.Name] = new() { Http = new RpcHttp() } }, metadata);
    }
}
