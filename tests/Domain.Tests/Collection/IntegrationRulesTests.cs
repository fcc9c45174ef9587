using Bankflow.Domain.Collection;

namespace Bankflow.Domain.Tests.Collection;

public sealed class IntegrationRulesTests
{
    private static readonly AgencyIntegration Modhi = new("modhi", Guid.NewGuid(), CollectionMode.Automatic, true, true);
    private static readonly AgencyIntegration Old = new("oldagency", Guid.NewGuid(), CollectionMode.Manual, false, true);

    [Fact]
    public void May_create_cases_is_never_on_for_two_agencies_at_once()
    {
        Assert.Null(IntegrationRules.SwitchConflict(Modhi, [Modhi, Old]));
        var conflict = IntegrationRules.SwitchConflict(Old with { MayCreateCases = true }, [Modhi, Old]);
        Assert.Contains("agency modhi may create new cases", conflict, StringComparison.Ordinal);
        Assert.Null(IntegrationRules.SwitchConflict(Old with { MayCreateCases = false }, [Modhi, Old]));
    }

    [Fact]
    public void Activation_needs_a_reminder_profile_when_the_client_sends_reminders()
    {
        Assert.Contains("reminder profile", IntegrationRules.ActivationRefusal(Modhi with { OwnReminders = true }), StringComparison.Ordinal);
        Assert.Null(IntegrationRules.ActivationRefusal(Modhi with { OwnReminders = true, ReminderProfile = new ReminderProfile(1, 14) }));
        Assert.Null(IntegrationRules.ActivationRefusal(Modhi));
    }

    [Fact]
    public void More_than_ten_open_cases_at_the_agency_refuses_automatic_activation_with_the_manual_path()
    {
        Assert.Null(IntegrationRules.ActivationRefusal(Modhi with { ExistingOpenCases = 10 }));
        Assert.Contains("contact the agency", IntegrationRules.ActivationRefusal(Modhi with { ExistingOpenCases = 11 }), StringComparison.Ordinal);
        Assert.Null(IntegrationRules.ActivationRefusal(Modhi with { ExistingOpenCases = 11, Mode = CollectionMode.Manual }));
    }

    [Fact]
    public void An_integration_ends_only_when_all_its_cases_are_closed()
    {
        var day = new DateOnly(2026, 3, 1);
        CollectionCase[] cases =
        [
            new("A", CaseStatus.Settled, day) { AgencyId = "oldagency" },
            new("B", CaseStatus.LegalStep, day) { AgencyId = "oldagency" },
            new("C", CaseStatus.Registered, day) { AgencyId = "modhi" },
        ];

        Assert.Contains("(B)", IntegrationRules.EndRefusal("oldagency", cases), StringComparison.Ordinal);
        Assert.Null(IntegrationRules.EndRefusal("oldagency", cases.Where(c => c.InvoiceId != "B")));
    }

    [Fact]
    public void A_reminder_profile_has_one_to_three_reminders_of_at_least_fourteen_days()
    {
        Assert.Null(IntegrationRules.ProfileRefusal(new ReminderProfile(2, 14)));
        Assert.NotNull(IntegrationRules.ProfileRefusal(new ReminderProfile(0, 14)));
        Assert.NotNull(IntegrationRules.ProfileRefusal(new ReminderProfile(1, 10)));
    }
}
