using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Bankflow.Domain.Values;

namespace Bankflow.LocalHost.Run;

/// <summary>A file handed to the pipeline, and once decided, its import record as the API shows it.</summary>
public sealed record FedFile(string Channel, string Name, string ImportId, string Shows, string? UploadRefusal)
{
    public JsonElement? Outcome { get; init; }

    /// <summary>Imported, quarantined, or refused by the upload API (which never reaches the inbox): nothing more to wait for.</summary>
    public bool IsDecided => Outcome is not null || UploadRefusal is not null;
}

/// <summary>
/// Hands files to the pipeline the two ways they arrive in production: channel "upload" through the public
/// upload API (file-based banks), any other channel straight into <c>inbox/{client}/{channel}/</c> (direct
/// bank integrations and Nets deliver there).
/// </summary>
public sealed class FileFeeder(BankflowApi api, BlobServiceClient blobs, ClientId client)
{
    public async Task<FedFile> FeedAsync(string channel, string name, byte[] content, string shows, CancellationToken cancellationToken)
    {
        var importId = Convert.ToHexStringLower(SHA256.HashData(content));
        if (channel == "upload")
        {
            var (status, _, body) = await api.UploadAsync(client.Value, name, content, cancellationToken).ConfigureAwait(false);
            // A refused upload (e.g. an empty body) never reaches the inbox: its outcome is the API's answer.
            return new FedFile(channel, name, importId, shows, status >= 400 ? $"upload refused with {status}: {ProblemDetail(body)}" : null);
        }
        var blob = blobs.GetBlobContainerClient("inbox").GetBlobClient($"{client.Value}/{channel}/{name}");
        await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } }, cancellationToken).ConfigureAwait(false);
        return new FedFile(channel, name, importId, shows, null);
    }

    public async Task<IReadOnlyList<FedFile>> WaitForOutcomesAsync(IReadOnlyList<FedFile> files, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = files.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var pending = false;
            for (var i = 0; i < result.Count; i++)
            {
                if (result[i].IsDecided)
                {
                    continue;
                }
                var record = await api.GetImportAsync(client.Value, result[i].ImportId, cancellationToken).ConfigureAwait(false);
                if (record is { } r && r.GetProperty("status").GetString() is "Imported" or "Quarantined")
                {
                    result[i] = result[i] with { Outcome = r };
                }
                else
                {
                    pending = true;
                }
            }
            if (!pending)
            {
                break;
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>Feeds every file in the folder, then new ones as they appear, printing each outcome.</summary>
    public async Task WatchFolderAsync(string folder, TextWriter output, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        output.WriteLine($"Watching {folder} for bank files…");
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(path);
                if (!seen.Add($"{info.Name}|{info.Length}|{info.LastWriteTimeUtc.Ticks}"))
                {
                    continue;
                }
                byte[] content;
                try
                {
                    content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    output.WriteLine($"  {info.Name}: cannot read yet ({ex.Message}); will retry");
                    continue;
                }
                var fed = await FeedAsync("upload", info.Name, content, "from " + folder, cancellationToken).ConfigureAwait(false);
                var decided = (await WaitForOutcomesAsync([fed], TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false))[0];
                Report.PrintOne(output, decided);
            }
            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ProblemDetail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
