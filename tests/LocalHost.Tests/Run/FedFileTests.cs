using System.Text.Json;
using Bankflow.LocalHost.Run;

namespace Bankflow.LocalHost.Tests.Run;

/// <summary>What <c>bankflow run --once</c> counts as finished when it decides its exit code.</summary>
public sealed class FedFileTests
{
    [Fact]
    public void A_file_is_decided_once_imported_or_quarantined_or_refused_at_upload()
    {
        var fed = new FedFile("nets", "OCR.txt", "abc", "a shipment", UploadRefusal: null);
        Assert.False(fed.IsDecided);
        Assert.True((fed with { Outcome = JsonDocument.Parse("""{"status":"Imported"}""").RootElement }).IsDecided);
        Assert.True(new FedFile("upload", "empty.txt", "e3b0", "an empty upload", "upload refused with 400").IsDecided);
    }
}
