using System.Text.Json;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Endpoints.ReconcileClient;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Reconciliation;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Reconciliation;

/// <summary>
/// The reconciliation run behind reconcile-requests: asked for after an import and after an upload, matching what is new,
/// announcing PaymentMatched/PaymentUnmatched once, changing nothing when run again, never twice at once, never on
/// entries of a file that did not finish importing.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ReconcileTriggerTests(AzuriteFixture azurite)
{
    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static JsonElement Data(JsonElement e) => e.GetProperty("data");

    [Fact]
    public async Task An_import_asks_for_a_run_that_matches_the_payments_settles_the_items_and_announces_each_entry_once()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        Assert.Equal(1, await rig.RunRequestsAsync()); // the upload's request: no entries yet, nothing to announce
        Assert.Empty(await rig.TakeEventsAsync());

        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());
        var fileEvents = await rig.TakeEventsAsync();
        Assert.Equal(["no.bankflow.FileImported"], fileEvents.Select(Type));
        Assert.Equal(1, await rig.RunRequestsAsync());

        var matches = (await rig.RowsAsync(StorageNames.MatchesTable)).ToDictionary(r => r.GetString("EntryId")!);
        Assert.Equal([DemoMonth.Entry(1), DemoMonth.Entry(2), DemoMonth.Entry(3)], matches.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("kid", matches[DemoMonth.Entry(1)].GetString("Rule"));
        Assert.Equal("kid", matches[DemoMonth.Entry(2)].GetString("Rule"));
        Assert.Equal("invoice-reference", matches[DemoMonth.Entry(3)].GetString("Rule"));
        Assert.All(matches.Values, m => Assert.Equal("auto", m.GetString("Decision")));
        Assert.All(matches.Values, m => Assert.Equal(MatchIds.For(m.GetString("EntryId")!), m.RowKey));

        var items = (await rig.RowsAsync(StorageNames.OpenItemsTable)).ToDictionary(r => r.GetString("InvoiceId")!);
        Assert.Equal(("paid", 125_000L), (items["INV-1"].GetString("Status"), items["INV-1"].GetInt64("SettledOre")));
        Assert.Equal(("partial", 49_950L), (items["INV-2"].GetString("Status"), items["INV-2"].GetInt64("SettledOre")));
        Assert.Equal(("paid", 300_000L), (items["INV-3"].GetString("Status"), items["INV-3"].GetInt64("SettledOre")));
        Assert.Equal(("open", 0L), (items["INV-4"].GetString("Status"), items["INV-4"].GetInt64("SettledOre")));

        var outcomes = (await rig.RowsAsync(StorageNames.ReconciliationOutcomesTable)).ToDictionary(r => r.GetString("EntryId")!);
        Assert.Equal([DemoMonth.Entry(4), DemoMonth.Entry(5)], outcomes.Keys.Order(StringComparer.Ordinal));
        Assert.All(outcomes.Values, o => Assert.Equal("unmatched", o.GetString("Status")));

        var events = await rig.TakeEventsAsync();
        Assert.Equal(3, events.Count(e => Type(e) == "no.bankflow.PaymentMatched"));
        Assert.Equal(2, events.Count(e => Type(e) == "no.bankflow.PaymentUnmatched"));
        var kid = Assert.Single(events, e => Data(e).GetProperty("entryId").GetString() == DemoMonth.Entry(1));
        var matchId = MatchIds.For(DemoMonth.Entry(1));
        Assert.Equal($"{rig.Client.Value}:matched:{matchId}", kid.GetProperty("id").GetString());
        Assert.Equal("entries/" + matchId, kid.GetProperty("subject").GetString());
        Assert.Equal("INV-1", Data(kid).GetProperty("allocations")[0].GetProperty("invoiceId").GetString());
        Assert.Equal(125_000, Data(kid).GetProperty("amount").GetInt64());
        Assert.Contains("paid in full", Data(kid).GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var twins = Assert.Single(events, e => Data(e).GetProperty("entryId").GetString() == DemoMonth.Entry(4));
        Assert.Equal($"{rig.Client.Value}:unmatched:{MatchIds.For(DemoMonth.Entry(4))}", twins.GetProperty("id").GetString());
        Assert.Equal(["INV-4", "INV-5"], Data(twins).GetProperty("candidates").EnumerateArray()
            .SelectMany(c => c.GetProperty("invoiceIds").EnumerateArray().Select(i => i.GetString()!)).Order(StringComparer.Ordinal));
        Assert.All(matches.Values, m => Assert.True(m.GetBoolean("Published")));
    }

    [Fact]
    public async Task Payments_imported_before_any_open_item_wait_and_are_matched_by_the_run_the_upload_asks_for()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());
        Assert.Equal(1, await rig.RunRequestsAsync());
        Assert.Empty(await rig.RowsAsync(StorageNames.MatchesTable));
        Assert.Empty(await rig.RowsAsync(StorageNames.ReconciliationOutcomesTable));
        Assert.Equal(["no.bankflow.FileImported"], (await rig.TakeEventsAsync()).Select(Type));

        await rig.UploadAsync(DemoMonth.Items);
        Assert.Equal(1, await rig.RunRequestsAsync());

        Assert.Equal(3, (await rig.RowsAsync(StorageNames.MatchesTable)).Count);
        Assert.Equal(5, (await rig.TakeEventsAsync()).Count);
    }

    [Fact]
    public async Task A_second_run_changes_no_row_and_announces_nothing()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());
        await rig.RunRequestsAsync();
        await rig.TakeEventsAsync();
        var before = await SnapshotAsync(rig);

        var again = await rig.RunAsync();
        // The same file delivered again asks again: still nothing new.
        await rig.ImportAsync("camt054-again.xml", DemoMonth.Payments());
        await rig.RunRequestsAsync();

        Assert.Equal(ReconcileRunState.Ran, again.State);
        Assert.Equal((0, 0, 0), (again.NewMatches, again.ItemsUpdated, again.EventsPublished));
        Assert.Equal(before, await SnapshotAsync(rig));
        Assert.Equal(["no.bankflow.FileImported"], (await rig.TakeEventsAsync()).Select(Type));
    }

    private static async Task<List<string>> SnapshotAsync(ReconciliationRig rig)
    {
        var all = new List<string>();
        foreach (var table in new[] { StorageNames.MatchesTable, StorageNames.ReconciliationOutcomesTable, StorageNames.OpenItemsTable })
        {
            all.AddRange((await rig.RowsAsync(table)).Select(r => $"{table}/{r.RowKey}/{r.ETag}"));
        }
        return all;
    }

    [Fact]
    public async Task Two_runs_at_once_decide_each_entry_once_and_the_one_that_waited_asks_again_later()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());
        await rig.TakeRequestsAsync();
        Assert.Equal(["no.bankflow.FileImported"], (await rig.TakeEventsAsync()).Select(Type));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(rig.RunAsync)));

        Assert.Contains(runs, r => r.State == ReconcileRunState.Ran);
        Assert.Equal(3, runs.Sum(r => r.NewMatches));
        Assert.Equal(0, runs.Sum(r => r.Conflicts));
        Assert.Equal(3, (await rig.RowsAsync(StorageNames.MatchesTable)).Count);
        var events = await rig.TakeEventsAsync();
        Assert.Equal(5, events.Count);
        Assert.Equal(5, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_run_that_finds_the_client_busy_writes_nothing_and_sends_the_request_again()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());
        await rig.TakeRequestsAsync();
        var queue = rig.Storage.Queue(StorageNames.ReconcileRequestsQueue);
        var held = await rig.Service<ReconciliationLock>().TryAcquireAsync(rig.Client, CancellationToken.None);
        Assert.NotNull(held);
        var queued = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        await rig.App.Function<ReconcileClientFunction>().RunAsync($$"""{"clientId":"{{rig.Client.Value}}"}""", CancellationToken.None);

        Assert.Empty(await rig.RowsAsync(StorageNames.MatchesTable));
        Assert.Equal(queued + 1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, await rig.TakeRequestsAsync()); // sent with a delay: not visible yet
        await rig.Service<ReconciliationLock>().ReleaseAsync(held!, CancellationToken.None);
        Assert.Equal(3, (await rig.RunAsync()).NewMatches);
    }

    [Fact]
    public async Task A_decision_is_written_once_even_when_two_writers_race()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        var decision = new MatchDecision(rig.Client, "camt:x:race", Decision.Auto, Domain.Reconciliation.MatchRule.KidExact)
        {
            Account = CamtCredits.Account, BookingDate = ReconciliationRig.Day, Amount = new Money(100), Currency = "NOK", DecidedAt = DateTimeOffset.UtcNow,
        };
        var store = rig.Service<MatchStore>();

        var written = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.TryAddAsync(decision, CancellationToken.None))));

        Assert.Single(written, w => w);
        Assert.Single(await rig.RowsAsync(StorageNames.MatchesTable));
    }

    [Fact]
    public async Task A_lease_left_by_a_run_that_died_is_taken_over_once_it_runs_out()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        var clock = new Remittance.TestClock(DateTimeOffset.UtcNow);
        var runLock = new ReconciliationLock(rig.Storage, clock);
        var dead = await runLock.TryAcquireAsync(rig.Client, CancellationToken.None);

        Assert.NotNull(dead);
        Assert.Null(await runLock.TryAcquireAsync(rig.Client, CancellationToken.None));
        clock.Advance(ReconciliationLock.Lease + TimeSpan.FromSeconds(1));
        var taken = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => runLock.TryAcquireAsync(rig.Client, CancellationToken.None)));
        Assert.Single(taken, t => t is not null);
        // The dead run's late release does not free the new holder's lease.
        await runLock.ReleaseAsync(dead!, CancellationToken.None);
        Assert.Null(await runLock.TryAcquireAsync(rig.Client, CancellationToken.None));
    }

    [Fact]
    public async Task Entries_of_a_file_that_did_not_finish_importing_are_never_matched()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        await rig.TakeRequestsAsync();
        var sha = new string('a', 64);
        var imports = rig.Service<FileImportStore>();
        var now = DateTimeOffset.UtcNow;
        var received = (await imports.TryClaimAsync(new FileImportRecord(rig.Client, sha, FileImportStatus.Received, now), "claim-1", now, now.AddMinutes(1), CancellationToken.None)).Record;
        var entry = new BankEntry("camt:half:1", BankChannel.Camt054, CamtCredits.Account, ReconciliationRig.Day, new Money(125_000), "NOK") { Kid = DemoMonth.Kid1 };
        await rig.Service<BankEntryStore>().UpsertAsync(rig.Client, sha, [entry], CancellationToken.None);

        var run = await rig.RunAsync();

        Assert.Equal(0, run.Looked);
        Assert.Empty(await rig.RowsAsync(StorageNames.MatchesTable));
        Assert.Empty(await rig.RowsAsync(StorageNames.ReconciliationOutcomesTable));
        Assert.Empty(await rig.TakeEventsAsync());

        // Quarantined after writing (a later failure): still never read.
        await imports.SaveAsync(received with { Status = FileImportStatus.Quarantined }, CancellationToken.None);
        Assert.Equal(0, (await rig.RunAsync()).Looked);

        // Committed: now it counts.
        await imports.SaveAsync(received with { Status = FileImportStatus.Imported }, CancellationToken.None);
        Assert.Equal(1, (await rig.RunAsync()).NewMatches);
        Assert.Equal("camt:half:1", Assert.Single(await rig.RowsAsync(StorageNames.MatchesTable)).GetString("EntryId"));
    }

    [Fact]
    public async Task A_structured_RF_reference_is_stored_with_the_entry_and_matched_from_storage()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());

        var stored = (await rig.Service<BankEntryStore>().ListClientAsync(rig.Client, CancellationToken.None)).Single(e => e.Entry.EntryId == DemoMonth.Entry(3));

        var reference = Assert.Single(stored.Entry.CreditorReferences!);
        Assert.Equal(("SCOR", "ISO"), (reference.Type, reference.Issuer));
        Assert.StartsWith("RF", reference.Reference, StringComparison.Ordinal);
        Assert.Equal("Takk for handelen", stored.Entry.Text);
        Assert.Equal(reference.Reference, Assert.Single(Domain.Reconciliation.BankMovements.From(stored.Entry).References).Value);
    }
}
