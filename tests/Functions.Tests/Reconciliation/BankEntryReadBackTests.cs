using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Reconciliation;

/// <summary>What reconciliation reads back from BankEntries is the entry that was written, field for field, and only the client's.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BankEntryReadBackTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_field_and_the_creditor_references_come_back_and_no_other_clients_rows()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var client = TestStorage.NewClient();
        // A client id that extends this one: its keys sort right after, and must not be read as this client's.
        var neighbour = ClientId.Parse(client.Value + "0");
        var full = new BankEntry("camt:86011117947:A/B#1", BankChannel.Camt054, "86011117947", new DateOnly(2026, 3, 10), new Money(-1_250_00), "NOK")
        {
            ValueDate = new DateOnly(2026, 3, 11),
            Kid = "0012345674",
            CreditorReferences = new CreditorReferenceList(
            [
                new CreditorReference("0012345674", CreditorReference.Scor),
                new CreditorReference("QR-REF-1", "QRR", IsProprietaryType: true),
                new CreditorReference("RF18539007547034", CreditorReference.Scor, Issuer: "ISO"),
            ]),
            CounterpartyAccount = "12345678903",
            CounterpartyName = "Fjord AS",
            ArchiveReference = "ARK-1",
            EndToEndId = "E2E-1",
            Text = "Faktura 10045",
            BankTransactionCode = "PMNT/ICDT/DMCT",
            IsReversal = true,
            BatchReference = "B-1",
            IsBatchTotal = true,
        };
        var bare = new BankEntry("ocr:7:1:1", BankChannel.OcrGiro, "15031234562", new DateOnly(2026, 4, 1), new Money(500_00), "NOK");
        await store.UpsertAsync(client, new string('b', 64), [full, bare], CancellationToken.None);
        await store.UpsertAsync(neighbour, new string('c', 64), [bare with { EntryId = "ocr:8:1:1" }], CancellationToken.None);

        var read = await store.ListClientAsync(client, CancellationToken.None);

        Assert.Equal(2, read.Count);
        Assert.All(read, r => Assert.Equal(new string('b', 64), r.SourceImport));
        Assert.Equal(full, read.Single(r => r.Entry.EntryId == full.EntryId).Entry);
        Assert.Equal(bare, read.Single(r => r.Entry.EntryId == bare.EntryId).Entry);
    }
}
