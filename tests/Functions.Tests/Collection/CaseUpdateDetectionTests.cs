using System.Text.Json;
using Bankflow.Domain.Reconciliation;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Tests.Reconciliation;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Collection;

/// <summary>
/// Credit notes and direct payments on an invoice the agency holds, against Azurite: the ERP lowering the invoice and a bank
/// payment matched by reconciliation each reach the agency's pull once, as the difference from what it was told.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CaseUpdateDetectionTests(AzuriteFixture azurite)
{
    private static readonly string Kid = CamtCredits.KidFor("10045");

    /// <summary>INV-1 (1,250.00, KID) fetched by modhi and registered as M-100; returns the client key.</summary>
    private static async Task<Guid> HeldAsync(CollectionRig rig)
    {
        await rig.UploadAsync(CollectionRig.Item("INV-1", 125_000, kid: Kid));
        var key = await rig.ActivateAsync();
        Assert.Equal(1, (await rig.CallAsync("POST", "collection/daily-run?date=2026-03-07")).Json.GetProperty("approved").GetInt32());
        Assert.Single((await rig.AgencyAsync(key, "case-fetches")).Json.GetProperty("cases").EnumerateArray());
        Assert.Equal(200, (await rig.AgencyAsync(key, "cases/INV-1/receipt", new { caseNumber = "M-100" })).Status);
        return key;
    }

    private static List<(string Id, string Kind, long Amount, string Date, string? CaseNumber)> Updates(Answer pull)
    {
        Assert.True(pull.Status == 200, pull.Body);
        return [.. pull.Json.GetProperty("updates").EnumerateArray().Select(u => (u.GetProperty("updateId").GetString()!, u.GetProperty("kind").GetString()!,
            u.GetProperty("amount").GetInt64(), u.GetProperty("date").GetString()!, u.GetProperty("caseNumber").GetString()))];
    }

    [Fact]
    public async Task A_credit_note_in_the_ERP_reaches_the_agency_once_and_the_case_shows_the_agency_balance()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await HeldAsync(rig);
        Assert.Empty(Updates(await rig.AgencyAsync(key, "case-updates")));

        await rig.UploadAsync(CollectionRig.Item("INV-1", 100_000, kid: Kid)); // the ERP credited 250.00
        var first = Updates(await rig.AgencyAsync(key, "case-updates"));
        var second = Updates(await rig.AgencyAsync(key, "case-updates"));

        var update = Assert.Single(first);
        Assert.Equal(("update-INV-1-1", "credit-note", 25_000L, "M-100"), (update.Id, update.Kind, update.Amount, update.CaseNumber));
        Assert.Empty(second);
        var view = await rig.CallAsync("GET", "collection/cases/INV-1");
        Assert.Equal(100_000, view.Json.GetProperty("agencyBalance").GetInt64());
        Assert.Equal("registered", view.Json.GetProperty("status").GetString());
        var listed = Assert.Single(view.Json.GetProperty("updates").EnumerateArray());
        Assert.Equal(("update-INV-1-1", true), (listed.GetProperty("update").GetProperty("updateId").GetString(), listed.GetProperty("pulled").GetBoolean()));
    }

    [Fact]
    public async Task A_payment_the_debtor_made_to_the_client_is_a_direct_payment_dated_by_the_bank_and_a_rejected_match_undoes_it()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await HeldAsync(rig);
        var paidOn = new DateOnly(2026, 3, 20);

        await rig.PayAsync("DIRECT-1", paidOn, new Credit("P1", 40_000, Kid: Kid));
        var paid = Updates(await rig.AgencyAsync(key, "case-updates"));

        var update = Assert.Single(paid);
        Assert.Equal(("update-INV-1-1", "direct-payment", 40_000L, "2026-03-20"), (update.Id, update.Kind, update.Amount, update.Date));
        Assert.Equal(85_000, (await rig.CallAsync("GET", "collection/cases/INV-1")).Json.GetProperty("agencyBalance").GetInt64());

        // A person finds the match wrong: the payment no longer counts against the invoice, and the agency is told.
        var match = Assert.Single(await rig.App.Services.GetRequiredService<MatchStore>().ListAllAsync(rig.Client, CancellationToken.None));
        var rejected = await rig.App.Services.GetRequiredService<MatchReview>().RejectAsync(rig.Client, match.MatchId, "accountant-1", null, CancellationToken.None);
        Assert.Equal(ReviewResult.Done, rejected.Result);
        await rig.App.Services.GetRequiredService<ReconcileClientUseCase>().RunAsync(rig.Client, CancellationToken.None);
        var undone = Updates(await rig.AgencyAsync(key, "case-updates"));

        Assert.Equal(("update-INV-1-2", -40_000L), (Assert.Single(undone).Id, undone[0].Amount));
        Assert.Equal(125_000, (await rig.CallAsync("GET", "collection/cases/INV-1")).Json.GetProperty("agencyBalance").GetInt64());
    }

    [Fact]
    public async Task Two_pulls_at_once_hand_each_update_out_once()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await HeldAsync(rig);
        await rig.UploadAsync(CollectionRig.Item("INV-1", 90_000, kid: Kid));

        var pulls = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => rig.AgencyAsync(key, "case-updates")));

        var all = pulls.SelectMany(Updates).ToList();
        var update = Assert.Single(all);
        Assert.Equal(("update-INV-1-1", 35_000L), (update.Id, update.Amount));
        var rows = await rig.RowsAsync(StorageNames.CollectionUpdatesTable);
        Assert.Single(rows);
        Assert.Equal(90_000, (await rig.CallAsync("GET", "collection/cases/INV-1")).Json.GetProperty("agencyBalance").GetInt64());
    }

    [Fact]
    public async Task A_write_off_after_an_unforwarded_credit_note_sends_the_credit_note_first_and_writes_off_the_rest()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        var key = await HeldAsync(rig);
        await rig.UploadAsync(CollectionRig.Item("INV-1", 100_000, kid: Kid));

        var writeOff = await rig.CallAsync("POST", "collection/cases/INV-1/write-off", new { date = "2026-04-01" }, idempotencyKey: "w-1");
        var pulled = Updates(await rig.AgencyAsync(key, "case-updates"));

        Assert.True(writeOff.Status == 200, writeOff.Body);
        Assert.Equal([("update-INV-1-1", "credit-note", 25_000L), ("write-off-INV-1", "write-off", 100_000L)], pulled.Select(u => (u.Id, u.Kind, u.Amount)));
    }

    [Fact]
    public async Task An_approved_case_paid_in_full_before_the_fetch_is_withdrawn_not_handed_over()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        await rig.UploadAsync(CollectionRig.Item("INV-1", 125_000, kid: Kid));
        var key = await rig.ActivateAsync();
        Assert.Equal(1, (await rig.CallAsync("POST", "collection/daily-run?date=2026-03-07")).Json.GetProperty("approved").GetInt32());

        await rig.PayAsync("FULL-1", new DateOnly(2026, 3, 8), new Credit("P1", 125_000, Kid: Kid));
        var fetch = await rig.AgencyAsync(key, "case-fetches");

        Assert.Empty(fetch.Json.GetProperty("cases").EnumerateArray());
        var view = (await rig.CallAsync("GET", "collection/cases/INV-1")).Json;
        Assert.Equal("closed", view.GetProperty("status").GetString());
        Assert.Contains("nothing left to collect", view.GetProperty("statusText").GetString(), StringComparison.Ordinal);
        Assert.Empty(Updates(await rig.AgencyAsync(key, "case-updates")));
    }

    [Fact]
    public async Task The_daily_step_withdraws_a_draft_whose_invoice_the_ERP_credited_in_full()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        await rig.UploadAsync(CollectionRig.Item("INV-1", 125_000, kid: Kid));
        await rig.ActivateAsync(mode: "manual");
        Assert.Equal(1, (await rig.CallAsync("POST", "collection/daily-run?date=2026-03-07")).Json.GetProperty("drafted").GetInt32());

        await rig.UploadAsync(CollectionRig.Item("INV-1", 0, kid: Kid));
        await rig.CallAsync("POST", "collection/daily-run?date=2026-03-08");

        var view = (await rig.CallAsync("GET", "collection/cases/INV-1")).Json;
        Assert.Equal("closed", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("agencyBalance").ValueKind);
        Assert.Contains(await rig.TakeEventsAsync(), e => e.GetProperty("type").GetString() == "no.bankflow.CollectionCaseChanged"
            && e.GetProperty("id").GetString()!.EndsWith(":collection:INV-1:closed", StringComparison.Ordinal));
    }
}
