using Bankflow.Domain.Collection;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Collection;

public sealed class CaseLifecycleTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    private static readonly ItemFigures Item = new(new Money(125_000), Money.Zero);

    private static CollectionCase Draft() => new("INV-1", CaseStatus.Draft, Day);

    private static CollectionCase Registered() =>
        CaseLifecycle.Register(CaseLifecycle.HandOver(CaseLifecycle.Approve(Draft(), Day).Case!, "modhi", Item).Case!, "modhi", "M-100").Case!;

    [Fact]
    public void A_case_runs_from_draft_to_settled()
    {
        var approved = CaseLifecycle.Approve(Draft(), Day).Case!;
        var handed = CaseLifecycle.HandOver(approved, "modhi", Item).Case!;
        var registered = CaseLifecycle.Register(handed, "modhi", "M-100").Case!;
        var notice = CaseLifecycle.ReportStatus(registered, "modhi", CaseStatus.NoticeSent, Day.AddDays(1), "inkassovarsel").Case!;
        var settled = CaseLifecycle.Settle(notice, "modhi", Day.AddDays(20)).Case!;

        Assert.Equal([CaseStatus.Approved, CaseStatus.HandedOver, CaseStatus.Registered, CaseStatus.NoticeSent, CaseStatus.Settled],
            new[] { approved, handed, registered, notice, settled }.Select(c => c.Status));
        Assert.Equal(("modhi", "M-100", Day), (settled.AgencyId, settled.CaseNumber, settled.ApprovedOn));
    }

    [Fact]
    public void Illegal_steps_are_refused_with_the_reason()
    {
        var closed = CaseLifecycle.ReportStatus(Registered(), "modhi", CaseStatus.Closed, Day, null).Case!;

        Assert.Contains("only a draft", CaseLifecycle.Approve(Registered(), Day).Refusal, StringComparison.Ordinal);
        Assert.Contains("only an approved", CaseLifecycle.HandOver(Draft(), "modhi", Item).Refusal, StringComparison.Ordinal);
        Assert.Contains("a closed case takes no status", CaseLifecycle.ReportStatus(closed, "modhi", CaseStatus.LegalStep, Day, null).Refusal, StringComparison.Ordinal);
        Assert.Contains("a closed case takes no settlement", CaseLifecycle.Settle(closed, "modhi", Day).Refusal, StringComparison.Ordinal);
        Assert.Contains("not handed over to this agency", CaseLifecycle.ReportStatus(Registered(), "other", CaseStatus.NoticeSent, Day, null).Refusal, StringComparison.Ordinal);
        Assert.Contains("is not one of them", CaseLifecycle.ReportStatus(Registered(), "modhi", CaseStatus.Settled, Day, null).Refusal, StringComparison.Ordinal);
        Assert.Contains("already has case number M-100", CaseLifecycle.Register(Registered(), "modhi", "M-200").Refusal, StringComparison.Ordinal);
        Assert.Contains("cannot be written off", CaseLifecycle.WriteOff(closed, Day).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_receipt_again_changes_nothing()
    {
        var again = CaseLifecycle.Register(Registered(), "modhi", "M-100");

        Assert.False(again.Refused);
        Assert.Equal(Registered(), again.Case);
    }

    [Fact]
    public void Wire_names_read_back()
    {
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            Assert.True(CaseStatusNames.TryParse(status.WireName(), out var back));
            Assert.Equal(status, back);
        }
        Assert.False(CaseStatusNames.TryParse("Settled", out _));
    }
}
