using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bankflow.LocalHost.Hosting;

/// <summary>The outcome of one invocation: outputs by binding name, or why it failed.</summary>
public sealed record InvocationResult(bool Succeeded, IReadOnlyDictionary<string, JsonNode?> Outputs, IReadOnlyList<string> Logs, string? Failure, TimeSpan Duration);

/// <summary>
/// Calls the custom handler the way the host does: <c>POST http://127.0.0.1:{port}/{FunctionName}</c> with the
/// invocation JSON; any non-2xx, a non-JSON or an empty body is a failed invocation (the real host would
/// hang on an empty body, so we treat it as the bug it is).
/// </summary>
public sealed class HandlerClient(HttpClient http, string hostVersion = "4.1040.0")
{
    public async Task<InvocationResult> InvokeAsync(string functionName, JsonObject payload, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + functionName)
        {
            Content = JsonContent.Create(payload),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", hostVersion);
        request.Headers.UserAgent.ParseAdd($"Azure-Functions-Host/{hostVersion}");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed($"handler answered {(int)response.StatusCode}: {Shorten(body)}", watch);
            }
            if (string.IsNullOrWhiteSpace(body))
            {
                return Failed("handler answered 2xx with an empty body (the Functions host would wait until functionTimeout)", watch);
            }
            var node = JsonNode.Parse(body) as JsonObject;
            if (node is null)
            {
                return Failed("handler answered with JSON that is not an object", watch);
            }
            var outputs = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
            var logs = new List<string>();
            foreach (var (key, value) in node)
            {
                if (key.Equals("Outputs", StringComparison.OrdinalIgnoreCase) && value is JsonObject outs)
                {
                    foreach (var (name, output) in outs)
                    {
                        outputs[name] = output?.DeepClone();
                    }
                }
                else if (key.Equals("Logs", StringComparison.OrdinalIgnoreCase) && value is JsonArray lines)
                {
                    logs.AddRange(lines.Select(l => l?.ToString() ?? ""));
                }
            }
            return new InvocationResult(true, outputs, logs, null, watch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            return Failed($"handler unreachable: {ex.Message}", watch);
        }
        catch (JsonException ex)
        {
            return Failed($"handler answered with invalid JSON: {ex.Message}", watch);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed("handler did not answer within the function timeout", watch);
        }
    }

    private static InvocationResult Failed(string reason, Stopwatch watch) =>
        new(false, new Dictionary<string, JsonNode?>(), [], reason, watch.Elapsed);

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
