using System.Text;
using System.Text.Json;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.Functions.Invocation;
using Bankflow.Functions.Sbanken;

namespace Bankflow.Functions.Tests.Sbanken;

public sealed class SbankenInvocationTests
{
    private static StoredSbankenAgreement Agreement(string client, params (string Number, SbankenServices Services)[] accounts) => new(
        ClientId.Parse(client), "cust",
        new SbankenAgreement(new DateOnly(2026, 1, 1),
            accounts.Select((a, i) => new ActiveAccount("id" + i, AccountNumber.Parse(a.Number), "n", LedgerAccount.Parse("192" + i), a.Services, LedgerAccount.Parse("7770"),
                a.Services == SbankenServices.Remittance ? null : new DateOnly(2026, 11, 1), null)).ToList(),
            AccountNumber.Parse(accounts[0].Number), AccountNumber.Parse(accounts[0].Number), AccountNumber.Parse(accounts[0].Number)),
        1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_timer_payload_decodes_and_fans_out_one_message_per_reconciliation_account_for_yesterday_in_Oslo()
    {
        // The exact host payload of the morning timer (past due) — see ReplayedPayloads.Timer.
        Assert.True(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(Invocation.ReplayedPayloads.Timer), out var request, out var error), error);
        Assert.True(TriggerDecoders.TryTimer(request!, "timer", out var timer, out error), error);
        Assert.True(timer!.IsPastDue);
        var firedAt = timer.Next!.Value; // 2026-11-22T05:00Z = 06:00 in Oslo

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
    public void A_fetch_message_survives_the_queue_round_trip_through_the_codec()
    {
        var message = new SbankenFetchMessage("acme-as", "97100512347", "2026-11-01", "2026-11-21", SbankenFetchMessage.Backfill);
        var output = InvocationEndpoints.Output(message);
        // The queue trigger hands the message text back double-encoded as a JSON string.
        var payload = JsonSerializer.Serialize(new
        {
            Data = new { fetch = JsonSerializer.Serialize(output.GetRawText()) },
            Metadata = new { DequeueCount = "1", Id = "\"m1\"" },
        });

        Assert.True(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(payload), out var request, out var error), error);
        Assert.True(TriggerDecoders.TryMessage(request!, "fetch", out var trigger, out error), error);
        var decoded = JsonSerializer.Deserialize<SbankenFetchMessage>(trigger!.Text, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(message, decoded);
        Assert.Contains("\"clientId\":\"acme-as\"", output.GetRawText(), StringComparison.Ordinal);
    }
}
