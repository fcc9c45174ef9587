using System.Security.Cryptography;
using Bankflow.LocalHost.Demo;

namespace Bankflow.LocalHost.Tests.EndToEnd;

[Collection(LocalStack.Collection)]
public sealed class CrashAndRetryTests(LocalStack stack)
{
    [Fact]
    public async Task A_handler_killed_before_the_commit_is_restarted_and_the_retry_leaves_no_duplicates()
    {
        var once = Path.Combine(Path.GetTempPath(), "bankflow-fault-" + Guid.NewGuid().ToString("N"));
        var host = await stack.StartHostAsync(new Dictionary<string, string>
        {
            ["BANKFLOW_FAULT_POINT"] = "import.before-commit",
            ["BANKFLOW_FAULT_ONCE_FILE"] = once,
        });
        try
        {
            var client = LocalStack.NewClient();
            var file = DemoFiles.OcrGiro(new DateOnly(2026, 11, 21), 201);
            var firstPid = host.Worker.ProcessId;
            await stack.DropAsync($"{client}/nets/crash.txt", file);
            await stack.PumpAsync(host);

            Assert.True(File.Exists(once), "the fault point was never reached");
            var attempts = host.Log.Invocations.Where(i => i.Function == "ImportBankFile" && i.Trigger.Contains(client.Value, StringComparison.Ordinal)).ToList();
            Assert.Equal(2, attempts.Count);
            Assert.False(attempts[0].Succeeded);
            Assert.True(attempts[1].Succeeded);
            Assert.NotEqual(firstPid, host.Worker.ProcessId);

            var import = Assert.Single(await stack.RowsAsync("FileImports", client));
            Assert.Equal("Imported", import.GetString("Status"));
            var archived = Assert.Single(await stack.BlobNamesAsync("archive", client.Value + "/"));
            var bytes = (await stack.Blobs.GetBlobContainerClient("archive").GetBlobClient(archived).DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(file, bytes);
            Assert.Empty(await stack.RowsAsync("Notifications", client));
        }
        finally
        {
            File.Delete(once);
        }
    }

    [Fact]
    public async Task A_file_that_fails_every_retry_is_poisoned_then_quarantined_with_a_notification()
    {
        var host = await stack.StartHostAsync(new Dictionary<string, string> { ["BANKFLOW_FAULT_POINT"] = "import.before-commit" });
        var client = LocalStack.NewClient();
        var file = DemoFiles.OcrGiro(new DateOnly(2026, 11, 21), 202);
        await stack.DropAsync($"{client}/nets/doomed.txt", file);
        await stack.PumpAsync(host);

        var attempts = host.Log.Invocations.Count(i => i.Function == "ImportBankFile" && i.Trigger.Contains(client.Value, StringComparison.Ordinal));
        Assert.Equal(5, attempts);
        Assert.Contains(host.Log.Invocations, i => i is { Function: "BlobPoison", Succeeded: true });

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Quarantined", import.GetString("Status"));
        Assert.Contains("every retry", import.GetString("Reason"), StringComparison.Ordinal);
        var notification = Assert.Single(await stack.RowsAsync("Notifications", client));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), notification.GetString("Subject"));
        Assert.Single(await stack.BlobNamesAsync("archive", client.Value + "/"));
    }
}
