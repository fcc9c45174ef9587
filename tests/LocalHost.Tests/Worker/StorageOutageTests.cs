using System.Globalization;

namespace Bankflow.LocalHost.Tests.Worker;

/// <summary>
/// Storage unreachable for a while: the background trigger loop logs, keeps polling and fires again when storage
/// returns (the SDK's "Retry failed after N tries", refused connections, timeouts — none of them ends the loop).
/// </summary>
[Collection(ContractStack.Collection)]
public sealed class StorageOutageTests(ContractStack stack)
{
    [Fact]
    public async Task The_trigger_loop_survives_an_outage_and_resumes_when_storage_returns()
    {
        await using var blobGate = TcpGate.OpenTo(stack.Azurite.BlobPort);
        await using var queueGate = TcpGate.OpenTo(stack.Azurite.QueuePort);
        var gated = stack.Azurite.ConnectionString
            .Replace($":{stack.Azurite.BlobPort.ToString(CultureInfo.InvariantCulture)}/", $":{blobGate.Port.ToString(CultureInfo.InvariantCulture)}/", StringComparison.Ordinal)
            .Replace($":{stack.Azurite.QueuePort.ToString(CultureInfo.InvariantCulture)}/", $":{queueGate.Port.ToString(CultureInfo.InvariantCulture)}/", StringComparison.Ordinal);
        var log = new HostLog();
        await using var host = await stack.StartHostAsync(log, storage: gated);
        host.StartBackground();

        blobGate.Shut();
        queueGate.Shut();
        await WaitAsync(() => log.Lines.Any(l => l.Contains("polling failed", StringComparison.Ordinal)), log);
        await Task.Delay(TimeSpan.FromSeconds(2)); // several failed passes

        blobGate.Open();
        queueGate.Open();
        var folder = "o" + Guid.NewGuid().ToString("N")[..8];
        await stack.Blobs.GetBlobContainerClient("contract-in").GetBlobClient($"{folder}/after-outage.bin").UploadAsync(BinaryData.FromBytes(new byte[77]));
        await WaitAsync(() => host.Log.Invocations.Any(i => i is { Function: "BlobLength", Succeeded: true } && i.Trigger.Contains(folder, StringComparison.Ordinal)), log);
        await WaitAsync(() => log.Lines.Any(l => l.Contains("polling works again", StringComparison.Ordinal)), log);
        Assert.Contains("\"length\":77", Assert.Single(await stack.DrainAsync($"contract-lengths-{folder}")), StringComparison.Ordinal);
    }

    private static async Task WaitAsync(Func<bool> condition, HostLog log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out; host log:" + Environment.NewLine + log);
            await Task.Delay(50);
        }
    }
}
