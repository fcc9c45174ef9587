using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Demo;

namespace Bankflow.LocalHost.Simulators.Modhi;

/// <summary>
/// Modhi pays a settlement's net amount to the client's bank account with the settlement's payment reference as KID; the
/// client's bank reports it in a Nets OCR giro shipment addressed to Bankflow's data recipient at Nets
/// (<see cref="DemoFiles.NetsDataRecipient"/>, the local run's and the tests' <c>Bankflow:Nets:DataRecipient</c>), dropped into
/// the client's inbox like any other Nets file. Import and reconciliation then match it to the open item
/// <c>collection-{settlementId}</c> Bankflow created when it booked the settlement.
/// </summary>
public static class ModhiPaymentFile
{
    /// <summary>Modhi's client-funds account the payment comes from (MOD11-valid; demo).</summary>
    public static string ModhiAccount { get; } = DemoFiles.WithMod11("1506170001");

    /// <summary>
    /// The OCR shipment: one payment (transaction type 10) of the net amount into <paramref name="clientAccount"/>. Shipments
    /// from one data sender are numbered per client: pass the next <paramref name="transmissionNumber"/> after the client's
    /// last Nets file.
    /// </summary>
    public static byte[] Ocr(ModhiSettlement settlement, string clientAccount, int transmissionNumber)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return DemoFiles.OcrGiro(settlement.Date, transmissionNumber, clientAccount, [new OcrPayment(10, settlement.Net, settlement.PaymentReference, ModhiAccount)]);
    }

    /// <summary>Drops the shipment into <c>inbox/{client}/nets/</c>; returns the blob's name.</summary>
    public static async Task<string> DeliverAsync(BlobServiceClient blobs, ClientId client, ModhiSettlement settlement, string clientAccount, int transmissionNumber,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settlement);
        var name = $"{client.Value}/nets/OCR.{settlement.Date:yyyyMMdd}.modhi-{settlement.SettlementId}.txt";
        await blobs.GetBlobContainerClient("inbox").GetBlobClient(name)
            .UploadAsync(BinaryData.FromBytes(Ocr(settlement, clientAccount, transmissionNumber)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain" } }, cancellationToken)
            .ConfigureAwait(false);
        return name;
    }
}
