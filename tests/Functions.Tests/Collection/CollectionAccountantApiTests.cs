using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Collection;

/// <summary>The accountant's collection API against Azurite: registration, integrations and their rules, the daily step, approval.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CollectionAccountantApiTests(AzuriteFixture azurite)
{
    private static Dictionary<string, string> Errors(Answer answer) =>
        answer.Json.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => string.Join(" | ", e.Value.EnumerateArray().Select(m => m.GetString())));

    [Fact]
    public async Task A_registration_is_stored_with_the_default_accounts_and_read_back()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);

        var put = await rig.CallAsync("PUT", "collection/registration", CollectionRig.Registration());
        var get = await rig.CallAsync("GET", "collection/registration");

        Assert.Equal((200, 200), (put.Status, get.Status));
        var accounts = get.Json.GetProperty("accounts");
        Assert.Equal(("917757046", "1920", "1500", "8055", "6790", "7790"), (get.Json.GetProperty("organisationNumber").GetString(), accounts.GetProperty("bank").GetString(),
            accounts.GetProperty("customer").GetString(), accounts.GetProperty("interest").GetString(), accounts.GetProperty("commission").GetString(),
            accounts.GetProperty("fees").GetString()));
    }

    [Fact]
    public async Task An_invalid_organisation_number_account_and_missing_fields_are_named_one_per_field_and_nothing_is_stored()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);

        var answer = await rig.CallAsync("PUT", "collection/registration", new
        {
            organisationNumber = "917757047",
            companyName = "Delante AS",
            address = new { line1 = "Smedstusvingen 18", postcode = 1480, city = "Slattum" },
            bankAccount = "15038059358",
            contact = new { firstName = "Thomas", email = "thomas.thorsen@delante.no" },
            accounts = new { fees = "77" },
        });

        Assert.Equal(400, answer.Status);
        var errors = Errors(answer);
        Assert.Equal(["accounts.fees", "address.postcode", "agreementConfirmed", "bankAccount", "contact.lastName", "organisationNumber", "vatDeduction"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("MOD11", errors["organisationNumber"], StringComparison.Ordinal);
        Assert.Contains("MOD11", errors["bankAccount"], StringComparison.Ordinal);
        Assert.Contains("must be a string", errors["address.postcode"], StringComparison.Ordinal);
        Assert.Equal(404, (await rig.CallAsync("GET", "collection/registration")).Status);
    }

    [Fact]
    public async Task A_second_agency_switched_on_is_refused_naming_the_first_and_nothing_is_written()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        await rig.ActivateAsync("modhi");

        var second = await rig.CallAsync("POST", "collection/agencies/oldagency", new { mode = "manual", mayCreateCases = true });
        var withoutCases = await rig.CallAsync("POST", "collection/agencies/oldagency", new { mode = "manual", mayCreateCases = false });
        var switchOn = await rig.CallAsync("PATCH", "collection/agencies/oldagency", new { mayCreateCases = true });

        Assert.Equal((409, 201, 409), (second.Status, withoutCases.Status, switchOn.Status));
        Assert.Contains("agency modhi may create new cases", second.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("agency modhi may create new cases", switchOn.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var list = await rig.CallAsync("GET", "collection/agencies");
        Assert.Equal([("modhi", true), ("oldagency", false)], list.Json.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("agencyId").GetString(), i.GetProperty("mayCreateCases").GetBoolean())));

        // Switching: modhi off first, then the old agency may create cases.
        Assert.Equal(200, (await rig.CallAsync("PATCH", "collection/agencies/modhi", new { mayCreateCases = false })).Status);
        Assert.Equal(200, (await rig.CallAsync("PATCH", "collection/agencies/oldagency", new { mayCreateCases = true })).Status);
    }

    [Fact]
    public async Task Activation_is_refused_without_a_reminder_profile_when_the_client_sends_reminders_and_for_an_agency_customer_with_many_cases()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        Assert.Equal(412, (await rig.CallAsync("POST", "collection/agencies/modhi", new { mode = "automatic", mayCreateCases = true, ownReminders = true }) is { Status: 201 }
            ? (await rig.CallAsync("POST", "collection/agencies/modhi/activate")).Status : 0));
        await rig.CallAsync("PUT", "collection/registration", CollectionRig.Registration());

        var noProfile = await rig.CallAsync("POST", "collection/agencies/modhi/activate");
        await rig.CallAsync("PATCH", "collection/agencies/modhi", new { reminderProfile = new { reminders = 1, periodDays = 14 }, existingOpenCases = 11 });
        var manyCases = await rig.CallAsync("POST", "collection/agencies/modhi/activate");
        await rig.CallAsync("PATCH", "collection/agencies/modhi", new { mode = "manual" });
        var manual = await rig.CallAsync("POST", "collection/agencies/modhi/activate");

        Assert.Equal((409, 409, 200), (noProfile.Status, manyCases.Status, manual.Status));
        Assert.Contains("choose a reminder profile", noProfile.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("contact the agency", manyCases.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(manual.Json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_bad_reminder_profile_and_mode_are_named()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);

        var answer = await rig.CallAsync("POST", "collection/agencies/modhi", new { mode = "sometimes", reminderProfile = new { reminders = 0, periodDays = 14 } });

        Assert.Equal(400, answer.Status);
        Assert.Equal(["mode", "reminderProfile.reminders"], Errors(answer).Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await rig.RowsAsync(StorageNames.CollectionClientsTable));
    }

    [Fact]
    public async Task Manual_mode_drafts_overdue_invoices_the_day_after_due_and_a_person_approves_them()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        await rig.UploadAsync(CollectionRig.Item("INV-1", 125_000, "2026-03-06"), CollectionRig.Item("INV-2", 50_000, "2026-03-10"));
        await rig.ActivateAsync(mode: "manual");

        var onDue = await rig.CallAsync("POST", "collection/daily-run?date=2026-03-06");
        var dayAfter = await rig.CallAsync("POST", "collection/daily-run?date=2026-03-07");
        var again = await rig.CallAsync("POST", "collection/daily-run?date=2026-03-07");

        Assert.Equal((0, 1, 0), (onDue.Json.GetProperty("drafted").GetInt32(), dayAfter.Json.GetProperty("drafted").GetInt32(), again.Json.GetProperty("drafted").GetInt32()));
        var drafts = await rig.CallAsync("GET", "collection/cases?status=draft");
        Assert.Equal(["INV-1"], drafts.Json.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("invoiceId").GetString()));
        var approved = await rig.CallAsync("POST", "collection/cases/INV-1/approve");
        var twice = await rig.CallAsync("POST", "collection/cases/INV-1/approve");
        Assert.Equal(("approved", 409), (approved.Json.GetProperty("status").GetString(), twice.Status));
        Assert.Contains("only a draft", twice.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, (await rig.CallAsync("POST", "collection/cases/INV-9/approve")).Status);
    }

    [Fact]
    public async Task A_client_collection_notice_holds_the_invoice_fourteen_days_inkassoloven_section_9()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);
        await rig.UploadAsync(CollectionRig.Item("INV-1", 125_000, "2026-03-06"));
        await rig.ActivateAsync(settings: new { mode = "automatic", mayCreateCases = true, ownCollectionNotice = true });

        var unknownNotice = await rig.CallAsync("POST", "collection/daily-run?date=2026-04-01");
        var dunning = await rig.CallAsync("PUT", "collection/dunning/INV-1", new { reminderDates = Array.Empty<string>(), collectionNoticeDate = "2026-03-20" });
        var day13 = await rig.CallAsync("POST", "collection/daily-run?date=2026-04-02");
        var day14 = await rig.CallAsync("POST", "collection/daily-run?date=2026-04-03");

        Assert.Equal(200, dunning.Status);
        Assert.Equal((0, 0, 1, 1), (unknownNotice.Json.GetProperty("drafted").GetInt32(), day13.Json.GetProperty("drafted").GetInt32(),
            day14.Json.GetProperty("drafted").GetInt32(), day14.Json.GetProperty("approved").GetInt32()));
        Assert.Equal(404, (await rig.CallAsync("PUT", "collection/dunning/INV-9", new { collectionNoticeDate = "2026-03-20" })).Status);
    }

    [Fact]
    public async Task Another_clients_token_is_refused()
    {
        await using var rig = await CollectionRig.StartAsync(azurite);

        var answer = await rig.CallAsync("GET", "collection/cases", client: TestStorage.NewClient());

        Assert.Equal(403, answer.Status);
    }
}
