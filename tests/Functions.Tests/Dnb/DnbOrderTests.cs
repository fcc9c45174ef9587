using Bankflow.Domain.Remittance;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using static Bankflow.Functions.Tests.Dnb.DnbRig;

namespace Bankflow.Functions.Tests.Dnb;

/// <summary><c>POST/GET /api/clients/{clientId}/dnb/orders</c> on Azurite: every refusal, and what an accepted order stores.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class DnbOrderTests(AzuriteFixture azurite)
{
    private static readonly string[] Both = ["remittance", "reconciliation"];

    private static void AssertRefused(Answer answer, string field, string reasonPart)
    {
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        var reasons = answer.Json.GetProperty("errors").GetProperty(field).EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.Contains(reasonPart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_of_registered_DNB_accounts_answers_201_with_the_wizard_link_and_is_pending()
    {
        await using var rig = await StartAsync(azurite);
        await rig.RegisterAsync(DnbAccounts[0], "1920");

        var answer = await rig.OrderAsync(OrderJson((DnbAccounts[0], ["remittance", "ocr", "reconciliation"], false)));

        Assert.Equal(201, answer.Status);
        var order = answer.Json.GetProperty("order");
        var id = order.GetProperty("orderId").GetString()!;
        Assert.Equal($"/api/clients/{rig.Client.Value}/dnb/orders/{id}", answer.Headers.Location.ToString());
        Assert.Equal("pending", order.GetProperty("status").GetString());
        var wizard = answer.Json.GetProperty("wizardUrl").GetString()!;
        Assert.StartsWith(WizardUrl + "?state=" + rig.Client.Value + "." + id + ".", wizard, StringComparison.Ordinal);
        Assert.Contains("accounts=" + DnbAccounts[0] + "%3Aremittance%2Bocr%2Breconciliation", wizard, StringComparison.Ordinal);
        Assert.Contains("kid=9-mod10", wizard, StringComparison.Ordinal);

        // Stored with the state's hash and the user's hash only: the secret and the subject are not at rest.
        var row = Assert.Single(await rig.RowsAsync(StorageNames.DnbOrdersTable));
        var secret = new Uri(wizard).Query.Split('&')[0].Split('.')[^1];
        Assert.DoesNotContain(Uri.UnescapeDataString(secret), string.Join(" ", row.Select(p => p.Value)), StringComparison.Ordinal);
        Assert.DoesNotContain("accountant-1", string.Join(" ", row.Select(p => p.Value)), StringComparison.Ordinal);
        Assert.Equal(Functions.Dnb.DnbOrderStore.UserKey("accountant-1"), row.GetString("UserKey"));

        var list = await rig.GetOrderAsync();
        Assert.Equal(id, Assert.Single(list.Json.EnumerateArray()).GetProperty("orderId").GetString());
        var one = await rig.GetOrderAsync(id);
        Assert.Equal(["remittance", "ocr", "reconciliation"], one.Json.GetProperty("accounts")[0].GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(404, (await rig.GetOrderAsync("0123456789abcdef")).Status);
    }

    [Fact]
    public async Task Seed_001_an_account_not_registered_on_the_client_first_is_refused_and_nothing_is_saved()
    {
        await using var rig = await StartAsync(azurite);
        await rig.RegisterAsync(DnbAccounts[0], "1920");

        var answer = await rig.OrderAsync(OrderJson((DnbAccounts[0], Both, false), (DnbAccounts[1], Both, false)));

        AssertRefused(answer, "accounts[1].accountNumber", "not registered on this client");
        Assert.Empty(await rig.RowsAsync(StorageNames.DnbOrdersTable));
    }

    [Fact]
    public async Task An_account_with_another_banks_code_is_refused()
    {
        await using var rig = await StartAsync(azurite);
        await rig.RegisterAsync(DanskeAccount, "1920", a => a with { Bank = Bank.Other });

        AssertRefused(await rig.OrderAsync(OrderJson((DanskeAccount, Both, false))), "accounts[0].accountNumber", "not a DNB account: bank code 8601");
        Assert.Empty(await rig.RowsAsync(StorageNames.DnbOrdersTable));
    }

    [Fact]
    public async Task Seed_001_OCR_without_KID_invoicing_or_without_Nets_Ocr_is_refused_one_error_each()
    {
        await using var rig = await StartAsync(azurite);
        await rig.RegisterAsync(DnbAccounts[0], "1920", a => a with { KidInvoicingEnabled = false, IncomingServices = IncomingServices.None });

        var answer = await rig.OrderAsync(OrderJson((DnbAccounts[0], ["ocr"], false)));

        AssertRefused(answer, "accounts[0].services", "invoicing with KID");
        AssertRefused(answer, "accounts[0].services", "«Nets Ocr»");
        Assert.Equal(2, answer.Json.GetProperty("errors").GetProperty("accounts[0].services").GetArrayLength());
        Assert.Empty(await rig.RowsAsync(StorageNames.DnbOrdersTable));
    }

    [Fact]
    public async Task Seed_001_seven_accounts_are_one_too_many()
    {
        await using var rig = await StartAsync(azurite);
        for (var i = 0; i < 7; i++)
        {
            await rig.RegisterAsync(DnbAccounts[i], (1920 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AssertRefused(await rig.OrderAsync(OrderJson([.. DnbAccounts.Select(a => (a, Both, false))])), "accounts", "at most 6 accounts");
        Assert.Empty(await rig.RowsAsync(StorageNames.DnbOrdersTable));
        Assert.Equal(201, (await rig.OrderAsync(OrderJson([.. DnbAccounts.Take(6).Select(a => (a, Both, false))]))).Status);
    }

    [Fact]
    public async Task Seed_001_the_RgB_late_order_is_refused_while_the_bank_agreement_has_dual_approval()
    {
        await using var rig = await StartAsync(azurite);
        await rig.RegisterAsync(DnbAccounts[0], "1920", a => a with { AvtaleId = "4410087700", DnbDivision = new DnbDivision("Bedrift Oslo", "0551"), DualApprovalInBank = true });

        AssertRefused(await rig.OrderAsync(OrderJson((DnbAccounts[0], [], true))), "accounts[0].accountingApprovedPayments", "dual approval");
        Assert.Empty(await rig.RowsAsync(StorageNames.DnbOrdersTable));
    }

    [Fact]
    public async Task Malformed_fields_are_named_and_an_unconfigured_installation_answers_503()
    {
        await using var rig = await StartAsync(azurite);
        var answer = await rig.OrderAsync("""{"accounts": [{"accountNumber": "1503", "services": ["payroll"]}], "kidSetup": {"length": 40, "check": "mod12"}}""");

        Assert.Equal(400, answer.Status);
        Assert.Equal(["accounts[0].accountNumber", "accounts[0].services", "feeLedgerAccount", "kidSetup.check", "kidSetup.length"],
            answer.Json.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));

        await using var bare = await StartAsync(azurite, configured: false);
        Assert.Equal(503, (await bare.OrderAsync(OrderJson((DnbAccounts[0], Both, false)))).Status);
        Assert.Equal(401, (await rig.OrderAsync(OrderJson((DnbAccounts[0], Both, false)), token: "bf1.forged.x")).Status);
    }
}
