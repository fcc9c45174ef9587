using System.Text.Json;

namespace Bankflow.Functions.Invocation;

/// <summary>
/// What the Functions host POSTs to a custom handler for a non-HTTP trigger:
/// <c>{"Data": {binding name: value}, "Metadata": {binding-data key: value, "sys": {…}}}</c>.
/// Values keep the host's encoding; read them through <see cref="InvocationValues"/>.
/// </summary>
public sealed record InvocationRequest(
    IReadOnlyDictionary<string, JsonElement> Data,
    IReadOnlyDictionary<string, JsonElement> Metadata)
{
    /// <summary>
    /// Parses the host's request body. Property names are matched case-insensitively (the host's
    /// Newtonsoft does so too). Fails with a reason for anything that is not that shape.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out InvocationRequest? request, out string? error)
    {
        request = null;
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            error = $"invocation body is not JSON: {ex.Message}";
            return false;
        }
        using (document)
        {
            return TryRead(document, out request, out error);
        }
    }

    /// <summary>Parses straight from the request stream: a blob invocation carries the whole file, so no extra copy.</summary>
    public static async Task<(InvocationRequest? Request, string? Error)> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, new JsonDocumentOptions { MaxDepth = MaxDepth }, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return (null, $"invocation body is not JSON: {ex.Message}");
        }
        using (document)
        {
            return TryRead(document, out var request, out var error) ? (request, null) : (null, error);
        }
    }

    private const int MaxDepth = 64;

    private static bool TryRead(JsonDocument document, out InvocationRequest? request, out string? error)
    {
        request = null;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"invocation body must be a JSON object, found {root.ValueKind}";
            return false;
        }
        var data = ReadSection(root, "Data");
        var metadata = ReadSection(root, "Metadata");
        if (data is null)
        {
            error = "invocation body has no \"Data\" object";
            return false;
        }
        request = new InvocationRequest(data, metadata ?? new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase));
        error = null;
        return true;
    }

    private static Dictionary<string, JsonElement>? ReadSection(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var section = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in property.Value.EnumerateObject())
            {
                // Clone: the values must outlive the JsonDocument.
                section[entry.Name] = entry.Value.Clone();
            }
            return section;
        }
        return null;
    }
}
