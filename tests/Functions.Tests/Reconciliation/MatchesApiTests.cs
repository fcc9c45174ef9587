using System.Text.Json;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Reconciliation;

/// <summary>
/// <c>…/matches</c>, <c>…/unmatched</c>, <c>…/posting-proposals</c> and <c>…/reconciliation/summary</c> on the demo month:
/// what the engine decided, a person confirming and rejecting (a rejection frees the entry and its items), and the
/// refusals.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class MatchesApiTests(AzuriteFixture azurite)
{
    private static async Task<ReconciliationRig> ReconciledAsync(AzuriteFixture azurite)
    {
        var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());
        await rig.RunRequestsAsync();
        await rig.TakeEventsAsync();
        return rig;
    }

    private static string Id(int payment) => MatchIds.For(DemoMonth.Entry(payment));

    private static List<JsonElement> Items(Answer answer) => [.. answer.Json.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task The_matches_of_a_period_say_what_was_paid_by_which_rule_and_why()
    {
        await using var rig = await ReconciledAsync(azurite);

        var all = await rig.CallAsync("GET", "matches?from=2026-03-01&to=2026-03-31");
        var before = await rig.CallAsync("GET", "matches?to=2026-03-09");
        var one = await rig.CallAsync("GET", "matches/" + Id(3));

        Assert.Equal(200, all.Status);
        Assert.Equal(3, Items(all).Count);
        Assert.Empty(Items(before));
        Assert.Null(all.Json.GetProperty("continuationToken").GetString());
        Assert.Equal(200, one.Status);
        var m = one.Json;
        Assert.Equal((Id(3), DemoMonth.Entry(3), "auto", "invoice-reference", 300_000L, "2026-03-10"), (m.GetProperty("matchId").GetString(), m.GetProperty("entryId").GetString(),
            m.GetProperty("decision").GetString(), m.GetProperty("rule").GetString(), m.GetProperty("amount").GetInt64(), m.GetProperty("bookingDate").GetString()));
        Assert.Contains("10047", m.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(("INV-3", 300_000L, 0L), (m.GetProperty("allocations")[0].GetProperty("invoiceId").GetString(),
            m.GetProperty("allocations")[0].GetProperty("amount").GetInt64(), m.GetProperty("allocations")[0].GetProperty("remainingAfter").GetInt64()));
        Assert.Equal(m.GetProperty("etag").GetString(), one.Headers.ETag.ToString());
    }

    [Fact]
    public async Task The_unmatched_say_why_with_their_candidates()
    {
        await using var rig = await ReconciledAsync(azurite);

        var answer = await rig.CallAsync("GET", "unmatched");

        Assert.Equal(200, answer.Status);
        var byEntry = Items(answer).ToDictionary(i => i.GetProperty("entryId").GetString()!);
        Assert.Equal([DemoMonth.Entry(4), DemoMonth.Entry(5)], byEntry.Keys.Order(StringComparer.Ordinal));
        var twins = byEntry[DemoMonth.Entry(4)];
        Assert.False(twins.GetProperty("rejectedByPerson").GetBoolean());
        Assert.NotEmpty(twins.GetProperty("reason").GetString()!);
        Assert.Contains(twins.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("strength").GetString() == "ambiguous");
        Assert.Equal("Ukjent Person", byEntry[DemoMonth.Entry(5)].GetProperty("counterpartyName").GetString());
    }

    [Fact]
    public async Task A_confirmed_match_is_final()
    {
        await using var rig = await ReconciledAsync(azurite);

        var confirmed = await rig.CallAsync("POST", $"matches/{Id(1)}/confirm");
        var again = await rig.CallAsync("POST", $"matches/{Id(1)}/confirm");
        var reject = await rig.CallAsync("POST", $"matches/{Id(1)}/reject");

        Assert.Equal(200, confirmed.Status);
        Assert.Equal(("confirmed", "accountant-1"), (confirmed.Json.GetProperty("decision").GetString(), confirmed.Json.GetProperty("confirmedBy").GetString()));
        Assert.Equal(200, again.Status);
        Assert.Equal(confirmed.Json.GetProperty("confirmedAt").GetDateTimeOffset(), again.Json.GetProperty("confirmedAt").GetDateTimeOffset());
        Assert.Equal(409, reject.Status);
        Assert.Contains("final", reject.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("paid", (await rig.CallAsync("GET", "open-items/INV-1")).Json.GetProperty("status").GetString());
        Assert.Empty(await rig.TakeEventsAsync());
    }

    [Fact]
    public async Task A_rejected_match_frees_its_entry_and_items_and_the_entry_is_left_to_a_person()
    {
        await using var rig = await ReconciledAsync(azurite);

        var rejected = await rig.CallAsync("POST", $"matches/{Id(1)}/reject");

        Assert.Equal(200, rejected.Status);
        Assert.Equal(("rejected", "accountant-1"), (rejected.Json.GetProperty("decision").GetString(), rejected.Json.GetProperty("rejectedBy").GetString()));
        var item = (await rig.CallAsync("GET", "open-items/INV-1")).Json;
        Assert.Equal(("open", 0L, 125_000L), (item.GetProperty("status").GetString(), item.GetProperty("settled").GetInt64(), item.GetProperty("remaining").GetInt64()));
        var unmatched = Assert.Single(Items(await rig.CallAsync("GET", "unmatched")), u => u.GetProperty("entryId").GetString() == DemoMonth.Entry(1));
        Assert.True(unmatched.GetProperty("rejectedByPerson").GetBoolean());
        Assert.StartsWith("rejected by a person", unmatched.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var announced = Assert.Single(await rig.TakeEventsAsync());
        Assert.Equal("no.bankflow.PaymentUnmatched", announced.GetProperty("type").GetString());
        Assert.Equal($"{rig.Client.Value}:rejected:{Id(1)}", announced.GetProperty("id").GetString());
        Assert.True(announced.GetProperty("data").GetProperty("rejectedByPerson").GetBoolean());

        // Never matched automatically again, however often the client is reconciled; rejecting again answers the same.
        var run = await rig.RunAsync();
        Assert.Equal((0, 0), (run.NewMatches, run.EventsPublished));
        Assert.Equal("rejected", (await rig.CallAsync("GET", "matches/" + Id(1))).Json.GetProperty("decision").GetString());
        Assert.Equal(200, (await rig.CallAsync("POST", $"matches/{Id(1)}/reject")).Status);
        Assert.Equal(409, (await rig.CallAsync("POST", $"matches/{Id(1)}/confirm")).Status);
        Assert.Empty(await rig.TakeEventsAsync());
    }

    [Fact]
    public async Task An_If_Match_that_is_no_longer_the_matchs_is_412_and_changes_nothing()
    {
        await using var rig = await ReconciledAsync(azurite);
        var read = await rig.CallAsync("GET", "matches/" + Id(2));
        var etag = read.Headers.ETag.ToString();
        Assert.Equal(200, (await rig.CallAsync("POST", $"matches/{Id(2)}/confirm", ifMatch: etag)).Status);

        var stale = await rig.CallAsync("POST", $"matches/{Id(2)}/reject", ifMatch: etag);

        Assert.Equal(412, stale.Status);
        Assert.Equal("confirmed", (await rig.CallAsync("GET", "matches/" + Id(2))).Json.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Unknown_invalid_and_other_clients_matches_are_refused()
    {
        await using var rig = await ReconciledAsync(azurite);
        var other = TestStorage.NewClient();
        var otherToken = rig.App.Token(other);

        Assert.Equal(404, (await rig.CallAsync("POST", $"matches/m{new string('0', 32)}/confirm")).Status);
        Assert.Equal(400, (await rig.CallAsync("POST", "matches/not-a-match/confirm")).Status);
        Assert.Equal(404, (await rig.CallAsync("POST", $"matches/{Id(1)}/approve")).Status);
        Assert.Equal(405, (await rig.CallAsync("GET", $"matches/{Id(1)}/confirm")).Status);
        Assert.Equal(403, (await rig.CallAsync("POST", $"matches/{Id(1)}/reject", token: otherToken)).Status);
        Assert.Equal(403, (await rig.CallAsync("GET", "matches", token: otherToken)).Status);
        // Under its own client the other caller finds no such match: the client id is the partition.
        Assert.Equal(404, (await rig.CallAsync("POST", $"matches/{Id(1)}/reject", token: otherToken, client: other)).Status);
        Assert.Equal(404, (await rig.CallAsync("GET", "matches/" + Id(1), token: otherToken, client: other)).Status);
        Assert.Empty(Items(await rig.CallAsync("GET", "unmatched", token: otherToken, client: other)));
        Assert.Equal(401, (await rig.CallAsync("GET", "unmatched", token: "x")).Status);
        Assert.Equal("auto", (await rig.CallAsync("GET", "matches/" + Id(1))).Json.GetProperty("decision").GetString());
        Assert.Equal(400, (await rig.CallAsync("GET", "matches?from=2026-03-31&to=2026-03-01")).Status);
        Assert.Equal(400, (await rig.CallAsync("GET", "matches?from=10.03.2026")).Status);
    }

    [Fact]
    public async Task Posting_proposals_balance_and_a_rejected_match_proposes_nothing()
    {
        await using var rig = await ReconciledAsync(azurite);
        await rig.CallAsync("POST", $"matches/{Id(2)}/reject");

        var answer = await rig.CallAsync("GET", "posting-proposals?from=2026-03-10&to=2026-03-10");

        Assert.Equal(200, answer.Status);
        var proposals = Items(answer).ToDictionary(p => p.GetProperty("entryId").GetString()!);
        Assert.Equal([DemoMonth.Entry(1), DemoMonth.Entry(3)], proposals.Keys.Order(StringComparer.Ordinal));
        Assert.All(proposals.Values, p =>
        {
            Assert.True(p.GetProperty("balanced").GetBoolean());
            var lines = p.GetProperty("lines").EnumerateArray().ToList();
            Assert.Equal(lines.Sum(l => l.GetProperty("debit").GetInt64()), lines.Sum(l => l.GetProperty("credit").GetInt64()));
        });
        var kid = proposals[DemoMonth.Entry(1)].GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(("1920", 125_000L, "bank"), (kid[0].GetProperty("account").GetString(), kid[0].GetProperty("debit").GetInt64(), kid[0].GetProperty("kind").GetString()));
        Assert.Equal(("1500", 125_000L, "INV-1"), (kid[1].GetProperty("account").GetString(), kid[1].GetProperty("credit").GetInt64(), kid[1].GetProperty("invoiceId").GetString()));
        Assert.Equal(400, (await rig.CallAsync("GET", "posting-proposals?to=x")).Status);
    }

    [Fact]
    public async Task The_summary_counts_the_month_per_account_with_the_automation_rate()
    {
        await using var rig = await ReconciledAsync(azurite);
        await rig.CallAsync("POST", $"matches/{Id(1)}/confirm");
        await rig.CallAsync("POST", $"matches/{Id(2)}/reject");

        var answer = await rig.CallAsync("GET", "reconciliation/summary?month=2026-03");
        var other = await rig.CallAsync("GET", "reconciliation/summary?month=2026-04");

        Assert.Equal(200, answer.Status);
        var account = Assert.Single(answer.Json.GetProperty("accounts").EnumerateArray());
        Assert.Equal(CamtCredits.Account, account.GetProperty("account").GetString());
        Assert.Equal((5, 2, 1, 1, 2, 0, 0), (account.GetProperty("entries").GetInt32(), account.GetProperty("automaticallyMatched").GetInt32(),
            account.GetProperty("confirmed").GetInt32(), account.GetProperty("rejected").GetInt32(), account.GetProperty("unmatched").GetInt32(),
            account.GetProperty("ignored").GetInt32(), account.GetProperty("pending").GetInt32()));
        Assert.Equal(0.4, account.GetProperty("automationRate").GetDouble());
        Assert.Equal(5, answer.Json.GetProperty("total").GetProperty("entries").GetInt32());
        Assert.Empty(other.Json.GetProperty("accounts").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, other.Json.GetProperty("total").GetProperty("automationRate").ValueKind);
        Assert.Equal(400, (await rig.CallAsync("GET", "reconciliation/summary")).Status);
        Assert.Equal(400, (await rig.CallAsync("GET", "reconciliation/summary?month=2026-13")).Status);
        Assert.Equal(400, (await rig.CallAsync("GET", "reconciliation/summary?month=2026-3")).Status);
    }
}
