using System.Text;
using System.Text.Json;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Reconciliation;

/// <summary>
/// <c>…/open-items</c>: the bulk upsert (every bad row named by index and field, nothing stored then), the list by status and
/// in pages, one item, the removal and its refusals, and who may call.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class OpenItemsApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_upload_stores_the_items_as_open_and_asks_for_a_reconciliation()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);

        var answer = await rig.CallAsync("PUT", "open-items", new { items = DemoMonth.Items });

        Assert.Equal(200, answer.Status);
        Assert.Equal((5, 5, 0, "requested"), (answer.Json.GetProperty("received").GetInt32(), answer.Json.GetProperty("created").GetInt32(),
            answer.Json.GetProperty("updated").GetInt32(), answer.Json.GetProperty("reconciliation").GetString()));
        Assert.Equal(1, await rig.TakeRequestsAsync());
        var one = await rig.CallAsync("GET", "open-items/INV-1");
        Assert.Equal(200, one.Status);
        Assert.Equal(("Fjord AS", DemoMonth.Kid1, "10045", 125_000L, 0L, 125_000L, "open"), (one.Json.GetProperty("customerName").GetString(), one.Json.GetProperty("kid").GetString(),
            one.Json.GetProperty("invoiceNumber").GetString(), one.Json.GetProperty("amount").GetInt64(), one.Json.GetProperty("settled").GetInt64(),
            one.Json.GetProperty("remaining").GetInt64(), one.Json.GetProperty("status").GetString()));

        // The same invoice again with a new amount: updated, not added; POST does the same as PUT.
        var again = await rig.CallAsync("POST", "open-items", new { items = new[] { ReconciliationRig.Item("INV-1", "C1", "Fjord AS", 130_000, DemoMonth.Kid1, "10045") } });
        Assert.Equal((0, 1), (again.Json.GetProperty("created").GetInt32(), again.Json.GetProperty("updated").GetInt32()));
        Assert.Equal(130_000, (await rig.CallAsync("GET", "open-items/INV-1")).Json.GetProperty("amount").GetInt64());
        Assert.Equal(5, (await rig.RowsAsync(StorageNames.OpenItemsTable)).Count);
    }

    [Fact]
    public async Task Every_bad_row_is_named_by_index_and_field_and_nothing_is_stored()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        var good = ReconciliationRig.Item("INV-1", "C1", "Fjord AS", 125_000, DemoMonth.Kid1);
        var rows = new object[]
        {
            good,
            new { invoiceId = "INV-2", customerId = "C2", amount = "1250.00", invoiceDate = "2026-02-20", dueDate = "2026-03-06" },
            new { invoiceId = "INV-3", customerId = "C3", amount = 1250.5, invoiceDate = "2026-02-20", dueDate = "2026-03-06", kid = "12345678" },
            good,
            new { customerId = "C5", amount = 100, currency = "nok", invoiceDate = "20.02.2026", dueDate = "2026-03-06" },
        };

        var answer = await rig.CallAsync("PUT", "open-items", new { items = rows });

        Assert.Equal(400, answer.Status);
        var errors = answer.Json.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => string.Join(" | ", e.Value.EnumerateArray().Select(m => m.GetString())));
        Assert.Equal(["items[1].amount", "items[2].amount", "items[2].kid", "items[3].invoiceId", "items[4].currency", "items[4].invoiceDate", "items[4].invoiceId"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("integer number of øre", errors["items[1].amount"], StringComparison.Ordinal);
        Assert.Contains("found 1250.5", errors["items[2].amount"], StringComparison.Ordinal);
        Assert.Contains("MOD10", errors["items[2].kid"], StringComparison.Ordinal);
        Assert.Contains("also in items[0]", errors["items[3].invoiceId"], StringComparison.Ordinal);
        Assert.Contains("is required", errors["items[4].invoiceId"], StringComparison.Ordinal);
        Assert.Empty(await rig.RowsAsync(StorageNames.OpenItemsTable));
        Assert.Equal(0, await rig.TakeRequestsAsync());
    }

    [Fact]
    public async Task More_than_ten_thousand_rows_an_empty_list_and_a_body_that_is_no_object_are_refused()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        var many = Enumerable.Range(0, 10_001).Select(i => new { invoiceId = $"I{i}" }).ToArray();

        var tooMany = await rig.CallAsync("PUT", "open-items", new { items = many });
        var empty = await rig.CallAsync("PUT", "open-items", new { items = Array.Empty<object>() });
        var array = await rig.CallRawAsync("PUT", "open-items", Encoding.UTF8.GetBytes("[]"));
        var broken = await rig.CallRawAsync("POST", "open-items", Encoding.UTF8.GetBytes("{\"items\": ["));

        Assert.Equal(400, tooMany.Status);
        Assert.Contains("at most 10000 per call", tooMany.Json.GetProperty("errors").GetProperty("items")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(400, empty.Status);
        Assert.Equal(400, array.Status);
        Assert.Equal(400, broken.Status);
        Assert.Empty(await rig.RowsAsync(StorageNames.OpenItemsTable));
    }

    [Fact]
    public async Task The_list_filters_by_status_and_comes_in_pages()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());
        await rig.RunRequestsAsync();

        var paid = await rig.CallAsync("GET", "open-items?status=paid");
        var partial = await rig.CallAsync("GET", "open-items?status=partial");
        Assert.Equal(["INV-1", "INV-3"], Ids(paid.Json));
        Assert.Equal(["INV-2"], Ids(partial.Json));
        Assert.Equal(49_950, partial.Json.GetProperty("items")[0].GetProperty("remaining").GetInt64());

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await rig.CallAsync("GET", "open-items?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, page.Status);
            seen.AddRange(Ids(page.Json));
            token = page.Json.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null);
        Assert.Equal(["INV-1", "INV-2", "INV-3", "INV-4", "INV-5"], seen);
        Assert.Equal(3, pages);

        Assert.Equal(400, (await rig.CallAsync("GET", "open-items?status=settled")).Status);
        Assert.Equal(400, (await rig.CallAsync("GET", "open-items?pageSize=0")).Status);
        Assert.Equal(400, (await rig.CallAsync("GET", "open-items?pageSize=1001")).Status);
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("invoiceId").GetString()!)];

    [Fact]
    public async Task An_item_with_no_payment_is_removed_one_with_a_matched_payment_is_not()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        await rig.ImportAsync("camt054.xml", DemoMonth.Payments());
        await rig.RunRequestsAsync();

        var removed = await rig.CallAsync("DELETE", "open-items/INV-5");
        var again = await rig.CallAsync("DELETE", "open-items/INV-5");
        var matched = await rig.CallAsync("DELETE", "open-items/INV-1");

        Assert.Equal(204, removed.Status);
        Assert.Equal(404, again.Status);
        Assert.Equal(409, matched.Status);
        Assert.Contains(MatchIds.For(DemoMonth.Entry(1)), matched.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, (await rig.CallAsync("GET", "open-items/INV-5")).Status);
        Assert.Equal(200, (await rig.CallAsync("GET", "open-items/INV-1")).Status);

        // With INV-5 gone, the twin payment has one candidate left of that customer and amount: the run the removal asked for matches it.
        Assert.Equal(1, await rig.RunRequestsAsync());
        var twin = await rig.CallAsync("GET", "matches/" + MatchIds.For(DemoMonth.Entry(4)));
        Assert.Equal(("customer-amount", "INV-4"), (twin.Json.GetProperty("rule").GetString(), twin.Json.GetProperty("allocations")[0].GetProperty("invoiceId").GetString()));
    }

    [Fact]
    public async Task A_removal_while_a_run_holds_the_client_is_a_conflict_to_retry()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        var held = await rig.Service<ReconciliationLock>().TryAcquireAsync(rig.Client, CancellationToken.None);

        var answer = await rig.CallAsync("DELETE", "open-items/INV-5");

        Assert.Equal(409, answer.Status);
        Assert.Equal("5", answer.Headers.RetryAfter.ToString());
        await rig.Service<ReconciliationLock>().ReleaseAsync(held!, CancellationToken.None);
        Assert.Equal(204, (await rig.CallAsync("DELETE", "open-items/INV-5")).Status);
    }

    [Fact]
    public async Task Without_a_token_it_is_401_with_another_clients_token_403_and_another_clients_item_is_not_found()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);
        await rig.UploadAsync(DemoMonth.Items);
        var other = TestStorage.NewClient();
        var otherToken = rig.App.Token(other);

        Assert.Equal(401, (await rig.CallAsync("GET", "open-items", token: "not-a-token")).Status);
        Assert.Equal(403, (await rig.CallAsync("GET", "open-items", token: otherToken)).Status);
        Assert.Equal(403, (await rig.CallAsync("PUT", "open-items", new { items = DemoMonth.Items }, token: otherToken)).Status);
        Assert.Equal(403, (await rig.CallAsync("DELETE", "open-items/INV-1", token: otherToken)).Status);
        // The other client's own routes do not reach this client's rows.
        Assert.Equal(404, (await rig.CallAsync("GET", "open-items/INV-1", token: otherToken, client: other)).Status);
        Assert.Equal(404, (await rig.CallAsync("DELETE", "open-items/INV-1", token: otherToken, client: other)).Status);
        Assert.Empty((await rig.CallAsync("GET", "open-items", token: otherToken, client: other)).Json.GetProperty("items").EnumerateArray());
        Assert.Equal(5, (await rig.RowsAsync(StorageNames.OpenItemsTable)).Count);
    }

    [Fact]
    public async Task A_method_a_path_does_not_have_is_405()
    {
        await using var rig = await ReconciliationRig.StartAsync(azurite);

        var answer = await rig.CallAsync("DELETE", "open-items");

        Assert.Equal(405, answer.Status);
        Assert.Equal("GET, PUT, POST", answer.Headers.Allow.ToString());
        Assert.Equal(405, (await rig.CallAsync("PUT", "open-items/INV-1", new { })).Status);
    }
}
