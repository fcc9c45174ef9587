using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Calendar;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Tests.Remittance;
using Bankflow.Testing.HostileInput;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.HostileInput;

/// <summary>
/// A fresh client for one corpus file. For the XML kinds it also holds a sent payment batch that the file could move
/// (<see cref="CorpusSeeds.BatchId"/>: the pain.002 seeds' payments and the camt seeds' outgoing end-to-end ids),
/// so "a quarantined file changes no payment" is tested against payments that a wrongly applied file would change.
/// </summary>
internal sealed class CorpusClient
{
    private CorpusClient(ClientId client) => Client = client;

    public ClientId Client { get; }

    /// <summary>Each payment's status as sent, before the file: what a quarantined file must leave as it is.</summary>
    public string? PaymentsBefore { get; private set; }

    public static async Task<CorpusClient> CreateAsync(IServiceProvider services, bool withBatch)
    {
        var corpusClient = new CorpusClient(Infrastructure.TestStorage.NewClient());
        if (withBatch)
        {
            await corpusClient.AddSentBatchAsync(services);
        }
        return corpusClient;
    }

    /// <summary>The batch's payments as one comparable line (status, bank status and reasons of each).</summary>
    public async Task<string?> PaymentsAsync(IServiceProvider services)
    {
        var stored = await services.GetRequiredService<PaymentBatchService>().GetAsync(Client, CorpusSeeds.BatchId, CancellationToken.None);
        return stored is null ? null : string.Join("; ", stored.Batch.Payments.Select(p =>
            $"{p.EndToEndId}={p.Status}/{p.BankStatus?.Code}/{p.RejectionReasons.Count}")) + $" | header {PaymentBatchStore.StatusCountsJson(stored.Batch)}";
    }

    private async Task AddSentBatchAsync(IServiceProvider services)
    {
        var settings = services.GetRequiredService<AgreementSettings>();
        var saved = await settings.SaveAsync(Agreement(), ifMatch: null, CancellationToken.None);
        Assert.True(saved.IsSaved, string.Join("; ", saved.Errors.Select(e => e.Reason)));

        var date = NorwegianBankCalendar.OnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ids = CorpusSeeds.Payments.Select(p => (p.EndToEndId, Amount: p.AmountOre / 100m))
            .Concat(CorpusSeeds.CamtEndToEndIds.Select(id => (EndToEndId: id, Amount: 10m)));
        var body = JsonSerializer.SerializeToElement(new
        {
            batchId = CorpusSeeds.BatchId,
            payments = ids.Select(p => new
            {
                endToEndId = p.EndToEndId,
                debtorAccount = RemittanceHarness.Debtor,
                creditorName = "Leverandør AS",
                creditorAccount = RemittanceHarness.Creditor,
                amount = p.Amount,
                requestedExecutionDate = date,
                text = "Faktura " + p.EndToEndId,
            }),
        });
        var batches = services.GetRequiredService<PaymentBatchService>();
        var created = await batches.CreateAsync(Client, new JsonFields(body), CancellationToken.None);
        Assert.True(created.Kind == BatchOutcomeKind.Ok, string.Join("; ", created.Errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))));
        var sent = await batches.SendAsync(Client, CorpusSeeds.BatchId, CancellationToken.None);
        Assert.True(sent.Kind == BatchOutcomeKind.Ok, string.Join("; ", sent.Errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))));
        PaymentsBefore = await PaymentsAsync(services);
    }

    /// <summary>DNB, direct, post-approval: a batch is sent without authorisation, as the remittance harness has it.</summary>
    private StoredAgreement Agreement() => new(
        Client,
        new BankAgreement
        {
            BankAccount = AccountNumber.Parse(RemittanceHarness.Debtor),
            Bank = Bank.Dnb,
            AvtaleId = "DNB-4711",
            DnbDivision = new DnbDivision("Test AS", "001"),
            LedgerAccount = LedgerAccount.Parse("1920"),
            FeeLedgerAccount = LedgerAccount.Parse("7770"),
            ValidFrom = new DateOnly(2024, 1, 15),
        },
        RemittanceHarness.Organisation,
        "Test AS",
        Pain001Version.V03,
        DateTimeOffset.UtcNow);
}
