using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bankflow.LocalHost.Run;

/// <summary>The run command talks to Bankflow through its public HTTP API, as the ERP would: function key plus client token.</summary>
public sealed class BankflowApi(HttpClient http, string functionKey, string clientToken)
{
    public async Task<JsonElement?> GetImportAsync(string clientId, string importId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/clients/{clientId}/files/{importId}", null, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<JsonElement> GetNotificationsAsync(string clientId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/clients/{clientId}/notifications", null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads a file; returns the HTTP status and the import id from the answer.</summary>
    public async Task<(int Status, string? ImportId, string Body)> UploadAsync(string clientId, string name, byte[] content, CancellationToken cancellationToken)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await SendAsync(HttpMethod.Post, $"api/clients/{clientId}/files?name={Uri.EscapeDataString(name)}", body, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? id = null;
        if (response.IsSuccessStatusCode)
        {
            using var doc = JsonDocument.Parse(text);
            id = doc.RootElement.GetProperty("importId").GetString();
        }
        return ((int)response.StatusCode, id, text);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", functionKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clientToken);
        return http.SendAsync(request, cancellationToken);
    }
}
