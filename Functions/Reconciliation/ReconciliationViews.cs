using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Reconciliation;

namespace Bankflow.Functions.Reconciliation;

/// <summary>The JSON the reconciliation API answers with (camelCase; amounts are integers in øre, dates yyyy-MM-dd).</summary>
internal static class ReconciliationViews
{
    public static object OpenItem(StoredOpenItem s) => new
    {
        invoiceId = s.Item.InvoiceId,
        customerId = s.Item.CustomerId,
        customerName = s.Item.CustomerName,
        invoiceNumber = s.Item.InvoiceNumber,
        kid = s.Item.Kid,
        amount = s.Item.Amount.Ore,
        currency = s.Item.Currency,
        invoiceDate = Day(s.Item.InvoiceDate),
        dueDate = Day(s.Item.DueDate),
        settled = s.Settled.Ore,
        remaining = s.Remaining.Ore,
        status = s.Status.WireName(),
        updatedAt = s.UpdatedAt,
        reconciledAt = s.ReconciledAt,
    };

    public static object Match(MatchDecision d) => new
    {
        matchId = d.MatchId,
        entryId = d.EntryId,
        etag = d.ETag.ToString(),
        decision = d.Decision.WireName(),
        rule = d.Rule.WireName(),
        account = d.Account,
        bookingDate = Day(d.BookingDate),
        amount = d.Amount.Ore,
        currency = d.Currency,
        counterpartyName = d.CounterpartyName,
        evidence = d.Evidence,
        explanation = d.Explanation,
        unapplied = d.Unapplied.Ore,
        allocations = d.Allocations.Select(a => new
        {
            invoiceId = a.InvoiceId,
            invoiceNumber = a.InvoiceNumber,
            customerId = a.CustomerId,
            customerName = a.CustomerName,
            amount = a.Amount.Ore,
            remainingAfter = a.RemainingAfter.Ore,
        }),
        ownPayment = d.OwnPayment is { } own ? new { endToEndId = own.EndToEndId, batchId = own.BatchId, creditorName = own.CreditorName } : null,
        decidedAt = d.DecidedAt,
        confirmedAt = d.ConfirmedAt,
        confirmedBy = d.ConfirmedBy,
        rejectedAt = d.RejectedAt,
        rejectedBy = d.RejectedBy,
    };

    public static object Unmatched(EntryOutcomeRecord o) => new
    {
        matchId = o.MatchId,
        entryId = o.EntryId,
        account = o.Account,
        bookingDate = Day(o.BookingDate),
        amount = o.Amount.Ore,
        currency = o.Currency,
        counterpartyName = o.CounterpartyName,
        text = o.Text,
        reason = o.Reason,
        rejectedByPerson = o.RejectedByPerson,
        candidates = o.Candidates.Select(c => new { invoiceIds = c.InvoiceIds, open = c.Open, strength = c.Strength, reason = c.Reason }),
        updatedAt = o.UpdatedAt,
    };

    public static object PostingProposal(MatchDecision d)
    {
        using var posting = JsonDocument.Parse(d.PostingJson ?? """{"lines":[]}""");
        var root = posting.RootElement;
        return new
        {
            matchId = d.MatchId,
            entryId = d.EntryId,
            decision = d.Decision.WireName(),
            rule = d.Rule.WireName(),
            date = root.TryGetProperty("date", out var date) ? date.GetString() : Day(d.BookingDate),
            balanced = !root.TryGetProperty("balanced", out var balanced) || balanced.GetBoolean(),
            explanation = d.Explanation,
            lines = root.GetProperty("lines").Clone(),
        };
    }

    public static object Summary(MonthSummary s) => new
    {
        month = s.Month,
        accounts = s.Accounts.Select(AccountMonth),
        total = AccountMonth(s.Total),
    };

    private static object AccountMonth(AccountMonth a) => new
    {
        account = a.Account,
        entries = a.Entries,
        automaticallyMatched = a.AutomaticallyMatched,
        confirmed = a.Confirmed,
        rejected = a.Rejected,
        unmatched = a.Unmatched,
        ignored = a.Ignored,
        pending = a.Pending,
        automationRate = a.AutomationRate,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
