using Bankflow.Domain.Remittance;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.Functions.Endpoints.BlobPoison;
using Bankflow.Functions.Endpoints.SbankenFetchAccount;
using Bankflow.Functions.Endpoints.SbankenMorningFetch;
using Bankflow.Functions.Sbanken;

namespace Bankflow.Functions.Tests.EntryPoints;

/// <summary>
/// The queue and timer functions' own reading of their messages (the worker hands them the message text; the host's
/// encodings are the worker's business now). A message that cannot be read fails the invocation, so the host retries
/// it and finally poisons it.
/// </summary>
public sealed class QueueMessageTests
{
    private static StoredSbankenAgreement Agreement(string client, params (string Number, SbankenServices Services)[] accounts) => new(
        ClientId.Parse(client), "cust",
        new SbankenAgreement(new DateOnly(2026, 1, 1),
            accounts.Select((a, i) => new ActiveAccount("id" + i, AccountNumber.Parse(a.Number), "n", LedgerAccount.Parse("192" + i), a.Services, LedgerAccount.Parse("7770"),
                a.Services == SbankenServices.Remittance ? null : new DateOnly(2026, 11, 1), null)).ToList(),
            AccountNumber.Parse(accounts[0].Number), AccountNumber.Parse(accounts[0].Number), AccountNumber.Parse(accounts[0].Number)),
        1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_morning_fan_out_queues_one_message_per_reconciliation_account_for_yesterday_in_Oslo()
    {
        var firedAt = new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero); // 06:00 in Oslo

        var messages = SbankenFetchService.FanOut(
            [
                Agreement("acme-as", ("97100512347", SbankenServices.Both), ("97100523454", SbankenServices.Remittance)),
                Agreement("beta-as", ("97100534561", SbankenServices.Reconciliation)),
            ], firedAt);

        Assert.Equal(
            [
                new SbankenFetchMessage("acme-as", "97100512347", null, "2026-11-21", SbankenFetchMessage.Morning),
                new SbankenFetchMessage("beta-as", "97100534561", null, "2026-11-21", SbankenFetchMessage.Morning),
            ],
            messages);
    }

    [Fact]
    public void A_fetch_message_survives_the_queue_round_trip_as_camel_case_json()
    {
        var message = new SbankenFetchMessage("acme-as", "97100512347", "2026-11-01", "2026-11-21", SbankenFetchMessage.Backfill);

        var text = SbankenMorningFetchFunction.ToQueueText(message);

        Assert.Contains("\"clientId\":\"acme-as\"", text, StringComparison.Ordinal);
        Assert.Equal(message, SbankenFetchAccountFunction.Read(text));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"clientId":"acme-as","through":"2026-11-21"}""", "needs clientId, accountNumber and through")]
    [InlineData("null", "needs clientId, accountNumber and through")]
    public void A_fetch_message_that_cannot_be_read_fails_the_invocation_with_a_reason(string text, string reason)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SbankenFetchAccountFunction.Read(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blob_poison_message_names_the_container_and_blob()
    {
        const string poison = """{"FunctionId":"Host.Functions.ImportBankFile","BlobType":"BlockBlob","ContainerName":"inbox","BlobName":"acme-as/nets/OCR æøå.txt","ETag":"\"0x1\""}""";

        Assert.Equal(("inbox", "acme-as/nets/OCR æøå.txt"), BlobPoisonFunction.Read(poison));
        Assert.Equal((null, null), BlobPoisonFunction.Read("{}"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void A_blob_poison_message_that_is_no_json_object_fails_the_invocation(string text) =>
        Assert.Throws<InvalidDataException>(() => BlobPoisonFunction.Read(text));
}
