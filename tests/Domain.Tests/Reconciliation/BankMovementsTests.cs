using Bankflow.Domain.Banking;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>The one mapping from a stored bank entry to what the engine reads.</summary>
public sealed class BankMovementsTests
{
    [Fact]
    public void Every_field_matching_uses_is_carried_over()
    {
        var entry = new BankEntry("camt:1:R1", BankChannel.Camt054, "12345678903", new DateOnly(2026, 3, 10), new Money(-1_250_00), "NOK")
        {
            Kid = "0012345674",
            Text = "Faktura 10045",
            CounterpartyAccount = "86011117947",
            CounterpartyName = "Fjord AS",
            EndToEndId = "E2E-1",
            BankTransactionCode = "PMNT/ICDT/DMCT",
            IsReversal = true,
            BatchReference = "B1",
            IsBatchTotal = true,
        };

        var m = BankMovements.From(entry);

        Assert.Equal(
            new BankMovement("camt:1:R1", BankChannel.Camt054, "12345678903", new DateOnly(2026, 3, 10), new Money(-1_250_00), "NOK"),
            m with { Kid = null, Text = null, CounterpartyAccount = null, CounterpartyName = null, EndToEndId = null, BankTransactionCode = null, IsReversal = false, BatchReference = null, IsBatchTotal = false, References = [] } with { References = m.References });
        Assert.Equal(("0012345674", "Faktura 10045", "86011117947", "Fjord AS", "E2E-1", "PMNT/ICDT/DMCT"), (m.Kid, m.Text, m.CounterpartyAccount, m.CounterpartyName, m.EndToEndId, m.BankTransactionCode));
        Assert.True(m.IsReversal);
        Assert.True(m.IsBatchTotal);
        Assert.Equal("B1", m.BatchReference);
        Assert.False(m.IsChargeMarked);
    }

    [Fact]
    public void Structured_references_other_than_the_KID_are_carried_over_with_their_type()
    {
        var entry = new BankEntry("camt:1:R2", BankChannel.Camt054, "12345678903", new DateOnly(2026, 3, 10), new Money(2_000_00), "NOK")
        {
            Kid = "0012345674",
            CreditorReferences = new CreditorReferenceList(
            [
                new CreditorReference("0012345674", CreditorReference.Scor),
                new CreditorReference("RF18539007547034", CreditorReference.Scor, Issuer: "ISO"),
                new CreditorReference("10045", "INVOICE", IsProprietaryType: true),
            ]),
        };

        var m = BankMovements.From(entry);

        Assert.Equal([new StructuredReference("RF18539007547034", "SCOR"), new StructuredReference("10045", "INVOICE")], m.References);
        Assert.Empty(BankMovements.From(entry with { CreditorReferences = null }).References);
    }
}
