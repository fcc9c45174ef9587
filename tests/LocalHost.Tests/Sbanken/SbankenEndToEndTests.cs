using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bankflow.LocalHost.Simulators.Sbanken;
using Bankflow.LocalHost.Tests.EndToEnd;

namespace Bankflow.LocalHost.Tests.Sbanken;

/// <summary>
/// The Sbanken flow through the real handler, the host stand-in, Azurite and the simulator: onboarding over
/// HTTP, the backfill, the morning fetch, failures. Seed 002 throughout.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class SbankenEndToEndTests(LocalStack stack) : IAsyncLifetime
{
    private SbankenRig _rig = null!;

    public async Task InitializeAsync() => _rig = await SbankenRig.StartAsync(stack);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static string Kroner(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private object Completion(DateOnly start, decimal operatingErp, decimal taxErp, bool accept) => new
    {
        conversionDate = SbankenRig.Day(_rig.Today.AddDays(-30)),
        acceptBalanceDifferences = accept,
        accounts = new object[]
        {
            new { accountNumber = SimulatedBank.OperatingAccount, activate = true, ledgerAccount = "1920", services = "both", feeLedgerAccount = "7770", reconciliationStartDate = SbankenRig.Day(start), erpBalance = Kroner(operatingErp) },
            new { accountNumber = SimulatedBank.SalaryAccount, activate = true, ledgerAccount = "1921", services = "remittance", feeLedgerAccount = "7770" },
            new { accountNumber = SimulatedBank.TaxAccount, activate = true, ledgerAccount = "1950", services = "reconciliation", feeLedgerAccount = "7770", reconciliationStartDate = SbankenRig.Day(start), erpBalance = Kroner(taxErp) },
        },
        salaryAccount = SimulatedBank.SalaryAccount,
        operatingAccount = SimulatedBank.OperatingAccount,
        taxWithholdingAccount = SimulatedBank.TaxAccount,
    };

    [Fact]
    public async Task Onboarding_warns_on_a_balance_difference_saves_on_acceptance_backfills_once_and_a_rerun_changes_nothing()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http(_rig.Host);
        var browser = _rig.Browser(client, http);

        var (code, state) = await browser.StartAndSignInAsync(client.Value);
        using (var callback = await browser.CallbackAsync(code, state))
        {
            Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
            Assert.Equal(3, (await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accounts").GetInt32());
        }
        using (var replay = await browser.CallbackAsync(code, state))
        {
            Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
            Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
        }
        using (var accounts = await browser.AccountsAsync(client.Value))
        {
            var list = (await accounts.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accounts").EnumerateArray().ToList();
            Assert.Equal(3, list.Count);
            Assert.Equal(Kroner(_rig.Simulator.Accounts[0].Balance), list[0].GetProperty("balance").GetString());
        }

        // "Du vil få et varsel dersom saldo i Go og saldo i bank avviker på valgt dato": the tax account's ERP balance is 100.00 too high.
        var start = _rig.Today.AddDays(-5);
        var operatingErp = _rig.OpeningBalance(0, start);
        var taxErp = _rig.OpeningBalance(2, start) + 100m;
        using (var warned = await browser.CompleteAsync(client.Value, Completion(start, operatingErp, taxErp, accept: false)))
        {
            Assert.Equal(HttpStatusCode.Conflict, warned.StatusCode);
            var warning = Assert.Single((await warned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray());
            Assert.Equal(SimulatedBank.TaxAccount, warning.GetProperty("accountNumber").GetString());
            Assert.Equal("-100.00", warning.GetProperty("difference").GetString());
        }
        Assert.Empty(await stack.RowsAsync("SbankenAgreements", client));

        // "… men du kan gå videre uten å korrigere saldoen."
        _rig.Simulator.MaxPageSize = 2; // the backfill pages through the bank
        using (var saved = await browser.CompleteAsync(client.Value, Completion(start, operatingErp, taxErp, accept: true)))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(1, body.GetProperty("version").GetInt32());
            Assert.Equal(2, body.GetProperty("backfills").GetArrayLength());
        }
        Assert.Single(await stack.RowsAsync("SbankenAgreements", client));
        await stack.PumpAsync(_rig.Host);

        var yesterday = _rig.Today.AddDays(-1);
        var entries = await _rig.EntriesAsync(client);
        Assert.Equal(_rig.BookedLines(0, start, yesterday) + _rig.BookedLines(2, start, yesterday), entries.Count);
        Assert.All(entries, e => Assert.Equal("Sbanken", e.GetString("Channel")));
        var coffees = entries.Where(e => e.GetString("Text") == "KAFFEBAR OSLO").ToList();
        Assert.Equal(2, coffees.Select(e => e.RowKey).Distinct().Count());
        Assert.Equal(5, (await _rig.DaysReadAsync(client, SimulatedBank.OperatingAccount)).Count);
        Assert.Equal(5, (await _rig.DaysReadAsync(client, SimulatedBank.TaxAccount)).Count);
        Assert.Equal(10, _rig.EventsFor(client).Count);

        // The next morning's run, and the same backfill again: nothing new.
        var morning = await _rig.MorningFanOutAsync(client);
        Assert.Equal(2, morning.Count);
        await _rig.EnqueueAsync(morning);
        await _rig.EnqueueAsync([JsonSerializer.Serialize(new { clientId = client.Value, accountNumber = SimulatedBank.OperatingAccount, from = SbankenRig.Day(start), through = SbankenRig.Day(yesterday), reason = "backfill" })]);
        await stack.PumpAsync(_rig.Host);

        var again = await _rig.EntriesAsync(client);
        Assert.Equal(entries.Select(e => e.PartitionKey + "/" + e.RowKey).Order(), again.Select(e => e.PartitionKey + "/" + e.RowKey).Order());
        Assert.Equal(5, (await _rig.DaysReadAsync(client, SimulatedBank.OperatingAccount)).Count);
        Assert.Equal(10, _rig.EventsFor(client).Count);
        Assert.Empty(await stack.RowsAsync("Notifications", client));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_json_naming_each_field_and_nothing_is_saved()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http(_rig.Host);
        var browser = _rig.Browser(client, http);

        // Unknown or forged state; no state at all.
        foreach (var state in new[] { client.Value + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-state", "" })
        {
            using var refused = await browser.CallbackAsync("some-code", state);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        // Completing without an onboarding.
        using (var none = await browser.CompleteAsync(client.Value, new { conversionDate = "2026-01-01" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        var (code, state2) = await browser.StartAndSignInAsync(client.Value);
        (await browser.CallbackAsync(code, state2)).Dispose();

        var start = SbankenRig.Day(_rig.Today.AddDays(-2));
        var body = new
        {
            conversionDate = SbankenRig.Day(_rig.Today.AddDays(-10)),
            accounts = new object[]
            {
                new { accountNumber = "97100545679", activate = true, ledgerAccount = "1920", services = "both", feeLedgerAccount = "7770", reconciliationStartDate = start },
                new { accountNumber = "9710.05.12348", activate = true, ledgerAccount = "1921", services = "both", feeLedgerAccount = "7770", reconciliationStartDate = start },
                new { accountNumber = SimulatedBank.OperatingAccount, activate = true, ledgerAccount = "1922", services = "both", feeLedgerAccount = "7770", reconciliationStartDate = SbankenRig.Day(_rig.Today.AddDays(-11)) },
                new { accountNumber = SimulatedBank.OperatingAccount, activate = true, ledgerAccount = "1923", services = "both", feeLedgerAccount = "7770", reconciliationStartDate = start },
                new { accountNumber = SimulatedBank.TaxAccount, activate = true, ledgerAccount = "1922", services = "reconciliation", feeLedgerAccount = "7770", reconciliationStartDate = start },
            },
            salaryAccount = SimulatedBank.OperatingAccount,
            operatingAccount = SimulatedBank.OperatingAccount,
            taxWithholdingAccount = SimulatedBank.TaxAccount,
        };
        using (var invalid = await browser.CompleteAsync(client.Value, body))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
            var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal(
                ["accounts[0].accountNumber", "accounts[1].accountNumber", "accounts[2].reconciliationStartDate", "accounts[3].accountNumber", "accounts[4].ledgerAccount"],
                errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
        using (var wrongType = await browser.CompleteAsync(client.Value, new { conversionDate = "2026-01-01", accounts = new[] { new { activate = "yes" } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        }
        using (var foreign = await _rig.Browser(LocalStack.NewClient(), http).CompleteAsync(client.Value, body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        // A sign-in that comes back without a code (cancelled at Sbanken): refused, nothing pending changes.
        var (_, state3) = await browser.StartAndSignInAsync(client.Value);
        using (var noCode = await browser.CallbackAsync("", state3))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        }

        Assert.Empty(await stack.RowsAsync("SbankenAgreements", client));
        var queued = await stack.Queues.GetQueueClient("sbanken-fetch").PeekMessagesAsync(32);
        Assert.DoesNotContain(queued.Value, m => m.MessageText.Contains(client.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fetch_that_fails_every_retry_leaves_the_days_unread_notifies_once_and_the_next_morning_catches_up()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http(_rig.Host);
        var browser = _rig.Browser(client, http);
        var (code, state) = await browser.StartAndSignInAsync(client.Value);
        (await browser.CallbackAsync(code, state)).Dispose();
        var start = _rig.Today.AddDays(-2);
        var body = new
        {
            conversionDate = SbankenRig.Day(_rig.Today.AddDays(-30)),
            accounts = new object[] { new { accountNumber = SimulatedBank.OperatingAccount, activate = true, ledgerAccount = "1920", services = "reconciliation", feeLedgerAccount = "7770", reconciliationStartDate = SbankenRig.Day(start) } },
            salaryAccount = SimulatedBank.OperatingAccount,
            operatingAccount = SimulatedBank.OperatingAccount,
            taxWithholdingAccount = SimulatedBank.OperatingAccount,
        };
        using (var saved = await browser.CompleteAsync(client.Value, body))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        // Every attempt of the backfill fails (3 attempts): 500, 429, 500.
        _rig.Simulator.Faults.Enqueue(SimulatedFault.ServerError());
        _rig.Simulator.Faults.Enqueue(SimulatedFault.TooManyRequests(0));
        _rig.Simulator.Faults.Enqueue(SimulatedFault.ServerError());
        await stack.PumpAsync(_rig.Host);

        Assert.True(_rig.Simulator.Faults.IsEmpty);
        Assert.Empty(await _rig.DaysReadAsync(client, SimulatedBank.OperatingAccount));
        Assert.Empty(await _rig.EntriesAsync(client));
        var notification = Assert.Single(await stack.RowsAsync("Notifications", client));
        Assert.Equal("SbankenFetchFailed", notification.GetString("Kind"));
        Assert.Contains("stay unread", notification.GetString("Message"), StringComparison.Ordinal);

        // The next morning reads the two days.
        await _rig.EnqueueAsync(await _rig.MorningFanOutAsync(client));
        await stack.PumpAsync(_rig.Host);

        Assert.Equal([SbankenRig.Day(start), SbankenRig.Day(start.AddDays(1))], (await _rig.DaysReadAsync(client, SimulatedBank.OperatingAccount)).Order(StringComparer.Ordinal));
        Assert.Equal(_rig.BookedLines(0, start, _rig.Today.AddDays(-1)), (await _rig.EntriesAsync(client)).Count);
        Assert.Single(await stack.RowsAsync("Notifications", client));
    }

    [Fact]
    public async Task An_expired_state_is_refused_with_403_and_nothing_is_kept()
    {
        await using var rig = await SbankenRig.StartAsync(stack, new Dictionary<string, string> { ["Bankflow__Sbanken__StateLifetime"] = "00:00:00.001" });
        var client = LocalStack.NewClient();
        using var http = stack.Http(rig.Host);
        var browser = rig.Browser(client, http);

        var (code, state) = await browser.StartAndSignInAsync(client.Value);
        using var expired = await browser.CallbackAsync(code, state);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var accounts = await browser.AccountsAsync(client.Value);
        Assert.Equal(HttpStatusCode.NotFound, accounts.StatusCode);
    }

    [Fact]
    public async Task Onboarding_again_replaces_the_agreement_as_a_whole()
    {
        // "Det er mulig å gå igjennom denne onboardingen flere ganger dersom det er behov for å gjøre endringer i bestilling eller valgte kontoer."
        var client = LocalStack.NewClient();
        using var http = stack.Http(_rig.Host);
        var browser = _rig.Browser(client, http);
        var start = SbankenRig.Day(_rig.Today.AddDays(-1));
        object Body(bool withTax) => new
        {
            conversionDate = SbankenRig.Day(_rig.Today.AddDays(-30)),
            accounts = new object[]
            {
                new { accountNumber = SimulatedBank.OperatingAccount, activate = true, ledgerAccount = "1920", services = "both", feeLedgerAccount = "7770", reconciliationStartDate = start },
                new { accountNumber = SimulatedBank.TaxAccount, activate = withTax, ledgerAccount = "1950", services = "reconciliation", feeLedgerAccount = "7770", reconciliationStartDate = start },
            },
            salaryAccount = SimulatedBank.OperatingAccount,
            operatingAccount = SimulatedBank.OperatingAccount,
            taxWithholdingAccount = withTax ? SimulatedBank.TaxAccount : SimulatedBank.OperatingAccount,
        };

        foreach (var (withTax, version) in new[] { (true, 1), (false, 2) })
        {
            var (code, state) = await browser.StartAndSignInAsync(client.Value);
            (await browser.CallbackAsync(code, state)).Dispose();
            using var saved = await browser.CompleteAsync(client.Value, Body(withTax));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(version, (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        }

        var row = Assert.Single(await stack.RowsAsync("SbankenAgreements", client));
        Assert.Equal(2, row.GetInt32("Version"));
        var morning = await _rig.MorningFanOutAsync(client);
        Assert.Contains(SimulatedBank.OperatingAccount, Assert.Single(morning), StringComparison.Ordinal);
        await stack.PumpAsync(_rig.Host); // the queued backfills: leave nothing behind for other tests
    }
}
