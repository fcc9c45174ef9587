using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Collection;

/// <summary>The signed agency API against Azurite: the whole case lifecycle, and every refusal with nothing written.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AgencyApiTests(AzuriteFixture azurite)
{
    /// <summary>An approved case of INV-1 (1,250.00 due 2026-03-06) for modhi in Automatic mode; returns the client key.</summary>
    private static async Task<Guid> ApprovedAsync(CollectionRig rig)
    {
        await rig.UploadAsync(CollectionRig.Item("INV-1", 125_000));
        var key = await rig.ActivateAsync();
        var run = await rig.CallAsync("POST", "collection/daily-run?date=2026-03-07");
        Assert.Equal(1, run.Json.GetProperty("approved").GetInt32());
        return key;
    }

    private static async Task<Guid> RegisteredAsync(CollectionRig rig)
    {
        var key = await ApprovedAsync(rig);
        Assert.Equal(200, (await rig.AgencyAsync(key, "case-fetches")).Status);
        Assert.Equal(200, (await rig.AgencyAsync(key, "cases/INV-1/receipt", new { caseNumber = "M-100" })).Status);
        return key;
    }

    [Fact]
    public async Task A_case_is_fetched_once_registered_reported_settled_posted_and_its_net_payment_awaits_reconciliation()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await ApprovedAsync(rig);

        var fetch = await rig.AgencyAsync(key, "case-fetches", signing: new CollectionRig.Signing(IdempotencyKey: "fetch-1"));
        // The agency lost the answer and asks again with the same key, signed anew a second later.
        var lostAnswer = await rig.AgencyAsync(key, "case-fetches", signing: new CollectionRig.Signing(IdempotencyKey: "fetch-1", At: DateTimeOffset.UtcNow.AddSeconds(1)));
        var next = await rig.AgencyAsync(key, "case-fetches");

        Assert.Equal(200, fetch.Status);
        var fetched = Assert.Single(fetch.Json.GetProperty("cases").EnumerateArray());
        Assert.Equal(("INV-1", "10045", "C1", "Fjord AS", 125_000L, "2026-03-06"), (fetched.GetProperty("invoiceId").GetString(), fetched.GetProperty("invoiceNumber").GetString(),
            fetched.GetProperty("debtor").GetProperty("customerId").GetString(), fetched.GetProperty("debtor").GetProperty("name").GetString(),
            fetched.GetProperty("amount").GetInt64(), fetched.GetProperty("dueDate").GetString()));
        Assert.Equal(fetch.Body, lostAnswer.Body);
        Assert.Empty(next.Json.GetProperty("cases").EnumerateArray());

        var receipt = await rig.AgencyAsync(key, "cases/INV-1/receipt", new { caseNumber = "M-100" });
        var status = await rig.AgencyAsync(key, "cases/INV-1/status", new { status = "notice-sent", date = "2026-03-08", text = "inkassovarsel sendt" });
        Assert.Equal(("registered", "M-100", "notice-sent"), (receipt.Json.GetProperty("status").GetString(), receipt.Json.GetProperty("caseNumber").GetString(),
            status.Json.GetProperty("status").GetString()));

        var settled = await rig.AgencyAsync(key, "settlements", CollectionRig.Settlement("S-1", "INV-1", 125_000, 1_250, 2_500, 1_500, 122_250));
        var again = await rig.AgencyAsync(key, "settlements", CollectionRig.Settlement("S-1", "INV-1", 125_000, 1_250, 2_500, 1_500, 122_250));

        Assert.Equal((201, 200), (settled.Status, again.Status));
        Assert.Equal((false, true, "settled"), (settled.Json.GetProperty("duplicate").GetBoolean(), again.Json.GetProperty("duplicate").GetBoolean(),
            settled.Json.GetProperty("case").GetProperty("status").GetString()));
        var lines = settled.Json.GetProperty("postingProposal").GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("account").GetString(), l.GetProperty("debit").GetInt64(), l.GetProperty("credit").GetInt64())).ToList();
        Assert.Equal([("1920", 122_250L, 0L), ("6790", 2_500L, 0L), ("7790", 1_500L, 0L), ("1500", 0L, 125_000L), ("8055", 0L, 1_250L)], lines);
        Assert.Single(await rig.RowsAsync(StorageNames.CollectionSettlementsTable));
        var items = await rig.RowsAsync(StorageNames.OpenItemsTable);
        var net = Assert.Single(items);
        Assert.Equal(("collection-S-1", 122_250L, "2026040200001"), (net.GetString("InvoiceId"), net.GetInt64("AmountOre"), net.GetString("Kid")));
        var events = await rig.TakeEventsAsync();
        var settledEvents = events.Where(e => e.GetProperty("type").GetString() == "no.bankflow.CollectionSettled").ToList();
        Assert.Equal(2, settledEvents.Count); // once per booking attempt, the same id: consumers and Service Bus drop the repeat
        Assert.Single(settledEvents.Select(e => e.GetProperty("id").GetString()).Distinct());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "no.bankflow.CollectionCaseChanged");

        var closedStatus = await rig.AgencyAsync(key, "cases/INV-1/status", new { status = "legal-step", date = "2026-04-03" });
        Assert.Equal(409, closedStatus.Status);
        Assert.Contains("a closed case takes no status", closedStatus.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_signature_an_old_timestamp_an_unknown_agency_and_a_replay_are_refused_with_401()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await ApprovedAsync(rig);

        var wrongSecret = await rig.AgencyAsync(key, "case-fetches", signing: new CollectionRig.Signing(Secret: "not-the-secret-not-the-secret-not-the-secret"));
        var old = await rig.AgencyAsync(key, "case-fetches", signing: new CollectionRig.Signing(At: DateTimeOffset.UtcNow.AddMinutes(-6)));
        var unknown = await rig.AgencyAsync(key, "case-fetches", signing: new CollectionRig.Signing(AgencyId: "nobody"));
        var garbage = await rig.AgencyAsync(key, "case-fetches", signing: new CollectionRig.Signing(Signature: "sha256=00"));

        Assert.Equal((401, 401, 401, 401), (wrongSecret.Status, old.Status, unknown.Status, garbage.Status));
        Assert.Contains("does not match", wrongSecret.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("refused as a replay", old.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("approved", (await rig.CallAsync("GET", "collection/cases/INV-1")).Json.GetProperty("status").GetString());

        // The same signed request twice (a captured request replayed within the window): the second is refused.
        var at = DateTimeOffset.UtcNow;
        var signature = Bankflow.Domain.Collection.AgencySignature.Sign(System.Text.Encoding.UTF8.GetBytes(CollectionRig.ModhiSecret), at.ToUnixTimeSeconds(), "POST",
            "/api/agency/case-updates", "pull-1", []);
        var first = await rig.AgencyAsync(key, "case-updates", signing: new CollectionRig.Signing(At: at, Signature: signature, IdempotencyKey: "pull-1"));
        var replay = await rig.AgencyAsync(key, "case-updates", signing: new CollectionRig.Signing(At: at, Signature: signature, IdempotencyKey: "pull-1"));
        Assert.Equal((200, 401, "replayed"), (first.Status, replay.Status, replay.Json.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task An_agency_calling_for_a_client_it_does_not_serve_gets_403_and_sees_nothing()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await ApprovedAsync(rig);
        var created = await rig.CallAsync("POST", "collection/agencies/oldagency", new { mode = "manual", mayCreateCases = false });
        var oldKey = Guid.Parse(created.Json.GetProperty("clientKey").GetString()!);

        var modhiKeyAsOld = await rig.AgencyAsync(key, "case-fetches", signing: new CollectionRig.Signing(AgencyId: "oldagency"));
        var inactive = await rig.AgencyAsync(oldKey, "cases/INV-1/status", new { status = "closed", date = "2026-03-08" }, new CollectionRig.Signing(AgencyId: "oldagency"));
        var randomKey = await rig.AgencyAsync(Guid.NewGuid(), "case-fetches");

        Assert.Equal((403, 403, 403), (modhiKeyAsOld.Status, inactive.Status, randomKey.Status));
        Assert.Equal(modhiKeyAsOld.Json.GetProperty("detail").GetString(), randomKey.Json.GetProperty("detail").GetString());
        Assert.Equal("approved", (await rig.CallAsync("GET", "collection/cases/INV-1")).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_integration_that_may_not_create_cases_cannot_fetch_but_an_agency_post_without_Idempotency_Key_is_400()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await ApprovedAsync(rig);
        await rig.CallAsync("PATCH", "collection/agencies/modhi", new { mayCreateCases = false });

        var fetch = await rig.AgencyAsync(key, "case-fetches");
        var noKey = await rig.AgencyAsync(key, "case-updates", signing: new CollectionRig.Signing(IdempotencyKey: null));

        Assert.Equal((403, 400), (fetch.Status, noKey.Status));
        Assert.Contains("may not create new cases", fetch.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("approved", (await rig.CallAsync("GET", "collection/cases/INV-1")).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_settlement_for_an_unknown_case_or_with_figures_that_do_not_add_up_is_refused_and_nothing_is_booked()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await RegisteredAsync(rig);

        var unknown = await rig.AgencyAsync(key, "settlements", CollectionRig.Settlement("S-1", "INV-9", 125_000, 0, 0, 0, 125_000));
        var unbalanced = await rig.AgencyAsync(key, "settlements", CollectionRig.Settlement("S-2", "INV-1", 125_000, 1_250, 2_500, 1_500, 122_251));
        var badFields = await rig.AgencyAsync(key, "settlements", new { settlementId = "S 3", invoiceId = "INV-1", date = "02.04.2026", principal = 1250.5 });

        Assert.Equal((404, 400, 400), (unknown.Status, unbalanced.Status, badFields.Status));
        Assert.Contains("net 1222.51 ≠ principal 1250.00", unbalanced.Json.GetProperty("errors").GetProperty("net")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(new[] { "commission", "date", "fees", "interest", "net", "principal", "settlementId" },
            badFields.Json.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await rig.RowsAsync(StorageNames.CollectionSettlementsTable));
        Assert.Equal("registered", (await rig.CallAsync("GET", "collection/cases/INV-1")).Json.GetProperty("status").GetString());
        Assert.Single(await rig.RowsAsync(StorageNames.OpenItemsTable));
    }

    [Fact]
    public async Task A_write_off_proposes_its_posting_and_the_agency_pulls_the_update_once_and_the_integration_may_then_end()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await RegisteredAsync(rig);
        var refusedDelete = await rig.CallAsync("DELETE", "collection/agencies/modhi");
        var refusedDeactivate = await rig.CallAsync("POST", "collection/agencies/modhi/deactivate");

        var writeOff = await rig.CallAsync("POST", "collection/cases/INV-1/write-off", new { date = "2026-04-10" });
        var pulled = await rig.AgencyAsync(key, "case-updates");
        var pulledAgain = await rig.AgencyAsync(key, "case-updates");

        Assert.Equal((409, 409), (refusedDelete.Status, refusedDeactivate.Status));
        Assert.Contains("(INV-1)", refusedDelete.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, writeOff.Status);
        Assert.Equal([("7830", 125_000L, 0L), ("1500", 0L, 125_000L)], writeOff.Json.GetProperty("postingProposal").GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("account").GetString(), l.GetProperty("debit").GetInt64(), l.GetProperty("credit").GetInt64())));
        var update = Assert.Single(pulled.Json.GetProperty("updates").EnumerateArray());
        Assert.Equal(("INV-1", "write-off", 125_000L, "M-100"), (update.GetProperty("invoiceId").GetString(), update.GetProperty("kind").GetString(),
            update.GetProperty("amount").GetInt64(), update.GetProperty("caseNumber").GetString()));
        Assert.Empty(pulledAgain.Json.GetProperty("updates").EnumerateArray());
        Assert.Equal(409, (await rig.CallAsync("POST", "collection/cases/INV-1/write-off")).Status);
        Assert.Equal(204, (await rig.CallAsync("DELETE", "collection/agencies/modhi")).Status);
        Assert.Equal(403, (await rig.AgencyAsync(key, "case-updates")).Status);
    }
}
