using System.Security.Cryptography;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.Nets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Intake;

/// <summary>Bankflow:Nets:DataRecipient: OCR giro files addressed to another data recipient are quarantined; without the setting the app does not start.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class NetsDataRecipientTests(AzuriteFixture azurite)
{
    private static async Task<string> ImportAsync(TestApp app, string path, byte[] content)
    {
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient(path);
        await blob.UploadAsync(BinaryData.FromBytes(content));
        var parts = path.Split('/', 3);
        await app.Function<ImportBankFileFunction>().RunAsync(blob, parts[0], parts[1], parts[2], CancellationToken.None);
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    [Fact]
    public async Task An_OCR_file_addressed_to_another_data_recipient_is_quarantined_with_a_reason_naming_both_ids()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();
        var foreign = new OcrFileGenerator(21).Generate(new OcrGeneratorOptions { DataRecipient = 10200 }).Content;
        var ours = new OcrFileGenerator(21).Generate(new OcrGeneratorOptions { DataRecipient = TestApp.NetsDataRecipient }).Content;

        var foreignId = await ImportAsync(app, $"{client.Value}/nets/foreign.txt", foreign);
        var oursId = await ImportAsync(app, $"{client.Value}/nets/ours.txt", ours);

        var imports = app.Services.GetRequiredService<FileImportStore>();
        var refused = (await imports.GetAsync(client, foreignId, CancellationToken.None))!;
        Assert.Equal(FileImportStatus.Quarantined, refused.Status);
        Assert.Contains("data recipient 00010200", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("customer unit id at Nets 00105625", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(0, refused.EntryCount);
        Assert.Equal(FileImportStatus.Imported, (await imports.GetAsync(client, oursId, CancellationToken.None))!.Status);
        var notes = await app.Services.GetRequiredService<NotificationStore>().ListAsync(client, true, 10, CancellationToken.None);
        Assert.Contains(notes, n => n.Message.Contains("00010200", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "is not configured")]
    [InlineData("", "is not configured")]
    [InlineData("123456789", "1–8 digits")]
    [InlineData("00000000", "1–8 digits")]
    [InlineData("kunde", "1–8 digits")]
    public void A_missing_or_malformed_setting_stops_the_app_at_startup_with_a_clear_error(string? value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Bankflow:ClientTokenSigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Bankflow:Nets:DataRecipient"] = value,
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddLogging().AddBankflowFunctions(configuration));
        Assert.Contains("Bankflow:Nets:DataRecipient", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
