using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bankflow.LocalHost.Demo;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Tests.EndToEnd;

[Collection(LocalStack.Collection)]
public sealed class FileIntakeTests(LocalStack stack)
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Ocr(int transmission) => DemoFiles.OcrGiro(new DateOnly(2026, 11, 20), transmission);

    [Fact]
    public async Task A_dropped_file_is_archived_imported_and_announced()
    {
        var client = LocalStack.NewClient();
        var file = Ocr(101);
        await stack.DropAsync($"{client}/nets/OCR.001.txt", file);
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal(Sha(file), import.RowKey);
        Assert.Equal("Imported", import.GetString("Status"));
        Assert.Equal("ocr-giro", import.GetString("Format"));
        Assert.Equal("OCR.001.txt", import.GetString("FileName"));
        Assert.Equal(file.Length, import.GetInt64("Size"));

        var archived = Assert.Single(await stack.BlobNamesAsync("archive", client.Value + "/"));
        Assert.EndsWith("/" + Sha(file), archived, StringComparison.Ordinal);
        var bytes = (await stack.Blobs.GetBlobContainerClient("archive").GetBlobClient(archived).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(file, bytes);

        var evt = Assert.Single(stack.Host.Log.Outputs, o => o.Event?["clientId"]?.ToString() == client.Value);
        Assert.Equal("bank-events", evt.Destination);
        Assert.Equal("FileImported", evt.Event!["eventType"]!.ToString());
        Assert.Equal($"{client}:{Sha(file)}", evt.Event["eventId"]!.ToString());
    }

    [Fact]
    public async Task The_same_file_twice_is_one_import_and_one_archive_copy()
    {
        var client = LocalStack.NewClient();
        var file = Ocr(102);
        await stack.DropAsync($"{client}/nets/first.txt", file);
        await stack.DropAsync($"{client}/upload/second name.txt", file);
        await stack.PumpAsync();

        Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Single(await stack.BlobNamesAsync("archive", client.Value + "/"));
        // Both deliveries announce the same event id, so consumers count it once.
        var ids = stack.Host.Log.Outputs.Where(o => o.Event?["clientId"]?.ToString() == client.Value).Select(o => o.Event!["eventId"]!.ToString()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct());
    }

    [Theory]
    [InlineData("garbage.bin", "not a recognised bank file")]
    [InlineData("empty.txt", "the file is empty")]
    [InlineData("evil.xml", "document type definitions are not accepted")]
    public async Task An_unreadable_file_is_quarantined_with_a_reason_and_a_notification(string name, string reason)
    {
        var client = LocalStack.NewClient();
        byte[] content = name switch
        {
            "garbage.bin" => [0x00, 0xFF, 0x10, 0x80, 0x7F],
            "empty.txt" => [],
            _ => Encoding.UTF8.GetBytes("""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>"""),
        };
        await stack.DropAsync($"{client}/upload/{name}", content);
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Quarantined", import.GetString("Status"));
        Assert.Contains(reason, import.GetString("Reason"), StringComparison.Ordinal);
        var quarantined = await stack.BlobNamesAsync("quarantine", client.Value + "/");
        Assert.Equal([$"{client}/{Sha(content)}", $"{client}/{Sha(content)}.reason.json"], quarantined.Order(StringComparer.Ordinal));
        var reasonDoc = (await stack.Blobs.GetBlobContainerClient("quarantine").GetBlobClient($"{client}/{Sha(content)}.reason.json").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains(reason, reasonDoc, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", reasonDoc, StringComparison.Ordinal); // no entity was ever resolved

        var notification = Assert.Single(await stack.RowsAsync("Notifications", client));
        Assert.Equal("FileQuarantined", notification.GetString("Kind"));
        Assert.Equal(Sha(content), notification.GetString("Subject"));
        // Raw first: the archive holds the bytes as received, even for a refused file.
        Assert.Single(await stack.BlobNamesAsync("archive", client.Value + "/"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_quarantined_not_parsed()
    {
        var client = LocalStack.NewClient();
        var big = new byte[LocalStack.MaxFileBytes + 1];
        Encoding.ASCII.GetBytes("NY000010").CopyTo(big, 0);
        await stack.DropAsync($"{client}/nets/huge.txt", big);
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Quarantined", import.GetString("Status"));
        Assert.Contains("over the limit", import.GetString("Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_without_a_valid_client_id_is_kept_in_quarantine_and_touches_no_client()
    {
        var content = Ocr(103);
        await stack.DropAsync("NOT_A_CLIENT/nets/x.txt", content);
        await stack.PumpAsync();

        Assert.Contains($"_unassigned/{Sha(content)}", await stack.BlobNamesAsync("quarantine", "_unassigned/"));
        Assert.Contains($"_unassigned/{Sha(content)}.reason.json", await stack.BlobNamesAsync("quarantine", "_unassigned/"));
    }

    [Fact]
    public async Task A_malformed_invocation_fails_with_a_reason_and_the_worker_keeps_running()
    {
        var pid = stack.Host.Worker.ProcessId;
        // A queue message where the blob trigger expects a blob reference: the worker cannot bind it.
        var wrongShape = new TriggerInput(
            new Dictionary<string, TypedData> { ["file"] = TriggerInputs.Text("{not json") },
            new Dictionary<string, TypedData>());
        var result = await stack.Host.InvokeAsync("ImportBankFile", wrongShape, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure));

        var unknown = await stack.Host.InvokeAsync("NoSuchFunction", wrongShape, CancellationToken.None);
        Assert.False(unknown.Succeeded);
        Assert.Contains("no function named 'NoSuchFunction'", unknown.Failure, StringComparison.Ordinal);

        Assert.True(stack.Host.Worker.IsRunning);
        Assert.Equal(pid, stack.Host.Worker.ProcessId);
    }
}
