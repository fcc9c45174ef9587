using Bankflow.Domain.Collection;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Collection;

public sealed class DraftRuleTests
{
    private static readonly DateOnly Due = new(2026, 3, 6);
    private static readonly AgencyIntegration NoReminders = new("modhi", Guid.NewGuid(), CollectionMode.Manual, true, true);

    private static DraftCandidate Item(long remaining = 125_000, DateOnly[]? reminders = null, DateOnly? notice = null) =>
        new("INV-1", Due, new Money(remaining), reminders ?? [], notice);

    [Fact]
    public void Without_own_reminders_an_invoice_is_drafted_on_the_first_day_after_its_due_date()
    {
        Assert.Equal(DraftVerdict.NotEligible, DraftRule.Decide(Item(), NoReminders, Due, alreadyCase: false).Verdict);
        Assert.Equal(DraftVerdict.Draft, DraftRule.Decide(Item(), NoReminders, Due.AddDays(1), alreadyCase: false).Verdict);
    }

    [Fact]
    public void A_paid_invoice_a_credit_note_and_an_existing_case_are_not_drafted()
    {
        var later = Due.AddDays(30);
        Assert.Equal(DraftVerdict.NotEligible, DraftRule.Decide(Item(0), NoReminders, later, false).Verdict);
        Assert.Equal(DraftVerdict.NotEligible, DraftRule.Decide(Item(-5_000), NoReminders, later, false).Verdict);
        Assert.Equal(DraftVerdict.NotEligible, DraftRule.Decide(Item(), NoReminders, later, true).Verdict);
    }

    [Fact]
    public void With_a_reminder_profile_the_draft_waits_until_the_last_reminder_has_run_its_period()
    {
        var own = NoReminders with { OwnReminders = true, ReminderProfile = new ReminderProfile(2, 14) };
        DateOnly[] both = [Due.AddDays(1), Due.AddDays(15)];

        Assert.Equal(DraftVerdict.NotYet, DraftRule.Decide(Item(reminders: [Due.AddDays(1)]), own, Due.AddDays(40), false).Verdict);
        Assert.Equal(DraftVerdict.NotYet, DraftRule.Decide(Item(reminders: both), own, Due.AddDays(29), false).Verdict);
        Assert.Equal(DraftVerdict.Draft, DraftRule.Decide(Item(reminders: both), own, Due.AddDays(30), false).Verdict);
        Assert.Equal(DraftVerdict.NotYet, DraftRule.Decide(Item(reminders: both), own with { ReminderProfile = null }, Due.AddDays(30), false).Verdict);
    }

    [Fact]
    public void Inkassoloven_section_9_a_client_notice_holds_the_invoice_back_fourteen_days()
    {
        var notices = NoReminders with { OwnCollectionNotice = true };
        var sent = Due.AddDays(3);

        var unknown = DraftRule.Decide(Item(), notices, Due.AddDays(30), false);
        var day13 = DraftRule.Decide(Item(notice: sent), notices, sent.AddDays(13), false);
        var day14 = DraftRule.Decide(Item(notice: sent), notices, sent.AddDays(14), false);

        Assert.Equal((DraftVerdict.NotYet, DraftVerdict.NotYet, DraftVerdict.Draft), (unknown.Verdict, day13.Verdict, day14.Verdict));
        Assert.Contains("§ 9", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("not before 2026-03-23", day13.Reason, StringComparison.Ordinal);
    }
}
