using System.Text.Json;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Remittance;

namespace Bankflow.Functions.Tests.Remittance;

public sealed class RemittanceRequestTests
{
    private static readonly ClientId Client = ClientId.Parse("c-remit");
    private static readonly AccountNumber Account = AccountNumber.Parse("86011117947");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static JsonFields Body(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void Agreement_settings_are_read_into_the_domain_shape()
    {
        var body = Body("""
            {"bank": "dnb", "integrationMode": "FileBased", "payoutService": "BankIntegration", "approvalMode": "AccountingApproved",
             "avtaleId": " DNB-1 ", "dnbDivision": {"name": "Nord", "number": "002"}, "ledgerAccount": "1920", "feeLedgerAccount": "7770",
             "incomingServices": ["NetsOcr"], "kidInvoicingEnabled": true, "ocrAgreement": true, "validFrom": "2024-02-29",
             "organisationNumber": "974760673", "companyName": "Nord AS", "painVersion": "09"}
            """);
        var stored = AgreementJson.Read(Client, Account, body, Now);

        Assert.False(body.HasErrors, string.Join("; ", body.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        var a = stored!.Agreement;
        Assert.Equal(Bank.Dnb, a.Bank);
        Assert.Equal(IntegrationMode.FileBased, a.IntegrationMode);
        Assert.Equal(ApprovalMode.AccountingApproved, a.ApprovalMode);
        Assert.Equal("DNB-1", a.AvtaleId);
        Assert.Equal(new DnbDivision("Nord", "002"), a.DnbDivision);
        Assert.Equal("1920", a.LedgerAccount!.Number);
        Assert.Equal("7770", a.FeeLedgerAccount!.Number);
        Assert.Equal(IncomingServices.NetsOcr, a.IncomingServices);
        Assert.True(a.KidInvoicingEnabled && a.OcrAgreement);
        Assert.Equal(new DateOnly(2024, 2, 29), a.ValidFrom);
        Assert.Equal("974760673", stored.OrganisationNumber.Value);
        Assert.Equal(Pain001Version.V09, stored.PainVersion);
    }

    [Fact]
    public void Every_malformed_agreement_field_is_named_and_nothing_is_built()
    {
        var body = Body("""
            {"bank": "1", "approvalMode": "Sometimes", "validFrom": "2024-02-30", "ledgerAccount": 1920, "incomingServices": ["Vipps"],
             "dnbDivision": {"name": 5}, "organisationNumber": "123", "painVersion": "pain.001.001.12"}
            """);
        var stored = AgreementJson.Read(Client, Account, body, Now);

        Assert.Null(stored);
        Assert.Equal(
            ["approvalMode", "bank", "companyName", "dnbDivision.name", "incomingServices", "ledgerAccount", "organisationNumber", "painVersion", "validFrom"],
            body.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Handelsbanken", body.Errors["bank"][0], StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", body.Errors["validFrom"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_fields_that_cannot_be_read_are_reported_and_replaced_by_stand_ins()
    {
        var body = Body("""
            {"payments": [
              {"endToEndId": "a", "amount": "1234.50", "requestedExecutionDate": "2026-11-24"},
              {"endToEndId": "b", "amount": 12.5, "requestedExecutionDate": "24.11.2026"},
              {"endToEndId": "c", "amount": "1 000", "requestedExecutionDate": "2026-11-24"},
              {"endToEndId": "d", "amount": 1E+3, "requestedExecutionDate": "2026-11-24"},
              "not an object"
            ]}
            """);
        var parsed = BatchRequestJson.Read(body, new DateOnly(2026, 11, 23));

        Assert.Equal(5, parsed.Payments.Count);
        Assert.Equal(1234.50m, parsed.Payments[0].Amount);
        Assert.Equal(12.5m, parsed.Payments[1].Amount);
        Assert.Equal(["payments[1].requestedExecutionDate", "payments[2].amount", "payments[3].amount", "payments[4]"], body.Errors.Keys.Order(StringComparer.Ordinal));
        // The stand-in date is a banking day after "today", so the builder does not add a second reason for that field.
        Assert.Equal(new DateOnly(2026, 11, 24), parsed.Payments[1].RequestedExecutionDate);
        Assert.Contains("payments[2].amount", parsed.BrokenFields);
    }

    [Fact]
    public void Builder_errors_map_to_the_callers_field_paths()
    {
        Assert.Equal("payments[3].amount", BatchRequestJson.FieldOf(new PaymentError(3, "x", "amount", "r")));
        Assert.Equal("batchId", BatchRequestJson.FieldOf(new PaymentError(-1, null, "batchId", "r")));
    }

    [Theory]
    [InlineData("03", Pain001Version.V03)]
    [InlineData("pain.001.001.03", Pain001Version.V03)]
    [InlineData("V09", Pain001Version.V09)]
    [InlineData("001.001.09", Pain001Version.V09)]
    public void Pain_versions_are_read_in_the_forms_people_write_them(string text, Pain001Version expected)
    {
        Assert.True(AgreementJson.TryParsePainVersion(text, out var version));
        Assert.Equal(expected, version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("pain.002.001.03")]
    public void Other_pain_versions_are_refused(string text) => Assert.False(AgreementJson.TryParsePainVersion(text, out _));

    [Fact]
    public void Outbox_paths_follow_client_bank_and_batch()
    {
        Assert.Equal("c-remit/handelsbanken/B20261123-ab.xml", OutboxStore.PathOf(Client, Bank.Handelsbanken, "B20261123-ab"));
        Assert.Equal("c-remit/other/a_b.xml", OutboxStore.PathOf(Client, Bank.Other, "a/b"));
    }

    [Fact]
    public void Payment_rows_of_one_batch_sort_together_and_in_order()
    {
        var keys = new[]
        {
            PaymentBatchStore.PaymentRowKey("B1", "r1", 10), PaymentBatchStore.PaymentRowKey("B1", "r1", 2), PaymentBatchStore.PaymentRowKey("B1-2", "r1", 1),
            PaymentBatchStore.PaymentRowKey("B1", "r2", 1),
        };
        Assert.Equal(["B1-2|r1|0001", "B1|r1|0002", "B1|r1|0010", "B1|r2|0001"], keys.Order(StringComparer.Ordinal));
        // The range query for B1's reservation r1 is ("B1|r1|", "B1|r1}"): B1-2's rows and another reservation's fall outside it.
        var inRange = keys.Where(k => string.CompareOrdinal(k, "B1|r1|") > 0 && string.CompareOrdinal(k, "B1|r1}") < 0).ToList();
        Assert.Equal(["B1|r1|0010", "B1|r1|0002"], inRange);
        Assert.True(string.CompareOrdinal("B1-2|r1|0001", "B1|r1|") < 0);
        // A row of the layout before reservations ("B1|0001") is in no reservation's range either.
        Assert.True(string.CompareOrdinal("B1|0001", "B1|r1|") < 0);
    }
}
