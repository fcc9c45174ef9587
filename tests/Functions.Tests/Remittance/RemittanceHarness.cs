using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Calendar;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bankflow.Functions.Tests.Remittance;

/// <summary>A clock the test moves (a crashed creation's lease runs out without waiting ten minutes).</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// The remittance use cases wired as the app wires them, on the test Azurite, for one fresh client with a DNB
/// agreement (direct, post-approval) on <see cref="Debtor"/>: requests go through <see cref="PaymentBatchService"/>
/// and <see cref="AgreementSettings"/> just as the HTTP functions call them.
/// </summary>
internal sealed class RemittanceHarness
{
    public const string Debtor = "86011117947";
    public const string Creditor = "78741234563";
    public static readonly OrganisationNumber Organisation = OrganisationNumber.Parse("974760673");

    private RemittanceHarness(BankflowStorage storage, ClientId client)
    {
        Storage = storage;
        Client = client;
        Agreements = new AgreementStore(storage);
        Settings = new AgreementSettings(Agreements);
        Batches = new PaymentBatchStore(storage, Clock);
        Service = new PaymentBatchService(Agreements, Batches, new OutboxStore(storage), Clock, NullLogger<PaymentBatchService>.Instance);
    }

    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public BankflowStorage Storage { get; }

    public ClientId Client { get; }

    public AgreementStore Agreements { get; }

    public AgreementSettings Settings { get; }

    public PaymentBatchStore Batches { get; }

    public PaymentBatchService Service { get; }

    public DateOnly ExecutionDate => NorwegianBankCalendar.OnOrAfter(DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(2));

    /// <summary>
    /// A harness for a new client; with <paramref name="withAgreement"/> the debtor account's agreement is saved (ledger
    /// 1920). <paramref name="storage"/> replaces the test Azurite's storage (e.g. one behind a fault proxy).
    /// </summary>
    public static async Task<RemittanceHarness> CreateAsync(AzuriteFixture azurite, bool withAgreement = true, BankflowStorage? storage = null)
    {
        var harness = new RemittanceHarness(storage ?? await TestStorage.CreateAsync(azurite), TestStorage.NewClient());
        if (withAgreement)
        {
            var saved = await harness.Settings.SaveAsync(harness.Agreement(Debtor, "1920"), ifMatch: null, CancellationToken.None);
            Assert.True(saved.IsSaved, string.Join("; ", saved.Errors.Select(e => e.Reason)));
        }
        return harness;
    }

    /// <summary>DNB, registered, direct, post-approval settings for a bank account of this client.</summary>
    public StoredAgreement Agreement(string account, string ledger) => new(
        Client,
        new BankAgreement
        {
            BankAccount = AccountNumber.Parse(account),
            Bank = Bank.Dnb,
            AvtaleId = "DNB-4711",
            DnbDivision = new DnbDivision("Test AS", "001"),
            LedgerAccount = LedgerAccount.Parse(ledger),
            FeeLedgerAccount = LedgerAccount.Parse("7770"),
            ValidFrom = new DateOnly(2024, 1, 15),
        },
        Organisation,
        "Test AS",
        Pain001Version.V03,
        Clock.GetUtcNow());

    /// <summary>A create request's body, as the ERP posts it: 10.00 NOK per payment plus its position in øre.</summary>
    public JsonFields Body(string? batchId, IEnumerable<string> endToEndIds)
    {
        var date = ExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var payments = endToEndIds.Select((id, i) => new
        {
            endToEndId = id,
            debtorAccount = Debtor,
            creditorName = "Leverandør AS",
            creditorAccount = Creditor,
            amount = 10m + (i % 100) / 100m,
            requestedExecutionDate = date,
            text = "Faktura " + id,
        });
        var json = JsonSerializer.SerializeToElement(batchId is null ? new { payments } : (object)new { batchId, payments });
        return new JsonFields(json);
    }

    /// <summary>The same payments as a domain batch, built as the service builds it (for driving the store directly).</summary>
    public PaymentBatch Build(string batchId, IEnumerable<string> endToEndIds)
    {
        var date = ExecutionDate;
        var result = PaymentBatchBuilder.Build(new BatchRequest
        {
            ClientId = Client,
            BatchId = batchId,
            Debtor = new Debtor("Test AS", Organisation),
            Today = date.AddDays(-2),
            CreatedAt = Clock.GetUtcNow(),
            Agreements = [Agreement(Debtor, "1920").Agreement],
            ExistingEndToEndIds = new HashSet<string>(),
            Payments = endToEndIds.Select((id, i) => new PaymentInstruction(id, Debtor, "Leverandør AS", Creditor, 10m + (i % 100) / 100m, date, Text: "Faktura " + id)).ToList(),
        });
        Assert.Empty(result.Errors);
        return result.Batch!;
    }

    public static IEnumerable<string> Ids(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}"));

    /// <summary>Starts every call at once (each waits for one gate) and gathers the answers in call order.</summary>
    public static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await call(i);
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }
}
