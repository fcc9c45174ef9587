using System.Text.Json;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.Postings;
using Bankflow.Domain.Reconciliation.Statements;

namespace Bankflow.LocalHost.Reconcile;

/// <summary>
/// The JSON of <c>bankflow reconcile</c>. Amounts are signed integers in øre. Shape (issue #12):
/// <c>{"items":[…],"entries":[…],"postings":[…],"statements":[…],"summary":{…}}</c> — items by invoice id,
/// entries and postings by booking date and entry id.
/// </summary>
internal static class ReconcileJson
{
    public static void Write(Utf8JsonWriter json, ReconciliationResult result, IReadOnlyList<PostingProposal> postings, IReadOnlyList<StatementCheck> statements)
    {
        json.WriteStartObject();
        json.WriteStartArray("items");
        foreach (var item in result.Items)
        {
            WriteItem(json, item);
        }
        json.WriteEndArray();

        var entries = result.Entries
            .OrderBy(e => e.Movement.BookingDate)
            .ThenBy(e => e.Movement.EntryId, StringComparer.Ordinal)
            .ToList();
        json.WriteStartArray("entries");
        foreach (var entry in entries)
        {
            WriteEntry(json, entry);
        }
        json.WriteEndArray();

        var order = entries.Select((e, i) => (e.Movement.EntryId, i)).ToDictionary(x => x.EntryId, x => x.i, StringComparer.Ordinal);
        json.WriteStartArray("postings");
        foreach (var posting in postings.OrderBy(p => order[p.EntryId]))
        {
            WritePosting(json, posting);
        }
        json.WriteEndArray();

        json.WriteStartArray("statements");
        foreach (var check in statements)
        {
            WriteStatement(json, check);
        }
        json.WriteEndArray();

        var s = result.Summary;
        json.WriteStartObject("summary");
        json.WriteNumber("entries", s.Entries);
        json.WriteNumber("matched", s.Matched);
        json.WriteNumber("unmatched", s.Unmatched);
        json.WriteNumber("ignored", s.Ignored);
        json.WriteNumber("automationRate", s.AutomationRate);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter json, ItemSettlement item)
    {
        json.WriteStartObject();
        json.WriteString("invoiceId", item.Item.InvoiceId);
        json.WriteNumber("amount", item.Item.Amount.Ore);
        json.WriteNumber("settled", item.Settled.Ore);
        json.WriteNumber("remaining", item.Remaining.Ore);
        json.WriteString("status", item.Status switch
        {
            ItemStatus.Paid => "paid",
            ItemStatus.Partial => "partial",
            ItemStatus.Overpaid => "overpaid",
            _ => "open",
        });
        json.WriteStartArray("payments");
        foreach (var payment in item.Payments)
        {
            json.WriteStartObject();
            json.WriteString("entryId", payment.EntryId);
            json.WriteNumber("amount", payment.Amount.Ore);
            json.WriteString("rule", payment.Match.Rule.WireName());
            json.WriteString("explanation", payment.Match.Explanation);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter json, EntryOutcome entry)
    {
        json.WriteStartObject();
        json.WriteString("entryId", entry.Movement.EntryId);
        json.WriteString("date", entry.Movement.BookingDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("amount", entry.Movement.Amount.Ore);
        json.WriteString("status", entry.Status switch
        {
            EntryStatus.Matched => "matched",
            EntryStatus.Unmatched => "unmatched",
            _ => "ignored",
        });
        if (entry.Match is { } match)
        {
            json.WriteString("rule", match.Rule.WireName());
        }
        else
        {
            json.WriteNull("rule");
        }
        json.WriteString("explanation", entry.Explanation);
        if (entry.Match is { Unapplied.Ore: not 0 } overpaid)
        {
            json.WriteNumber("unapplied", overpaid.Unapplied.Ore);
        }
        json.WriteStartArray("candidates");
        foreach (var candidate in entry.Candidates)
        {
            json.WriteStartObject();
            json.WriteStartArray("invoiceIds");
            foreach (var item in candidate.Items)
            {
                json.WriteStringValue(item.InvoiceId);
            }
            json.WriteEndArray();
            json.WriteNumber("open", candidate.Open.Ore);
            json.WriteString("reason", candidate.WhyNotCertain);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePosting(Utf8JsonWriter json, PostingProposal posting)
    {
        json.WriteStartObject();
        json.WriteString("entryId", posting.EntryId);
        json.WriteString("date", posting.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("lines");
        foreach (var line in posting.Lines)
        {
            json.WriteStartObject();
            json.WriteString("account", line.Account.Number);
            json.WriteNumber("debit", line.Debit.Ore);
            json.WriteNumber("credit", line.Credit.Ore);
            json.WriteString("kind", line.Kind switch
            {
                PostingKind.Bank => "bank",
                PostingKind.Customer => "customer",
                PostingKind.UnappliedCredit => "unapplied-credit",
                PostingKind.Fee => "fee",
                _ => "supplier",
            });
            if (line.CustomerId is { } customer)
            {
                json.WriteString("customerId", customer);
            }
            if (line.InvoiceId is { } invoice)
            {
                json.WriteString("invoiceId", invoice);
            }
            json.WriteString("text", line.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter json, StatementCheck check)
    {
        var s = check.Statement;
        json.WriteStartObject();
        json.WriteString("account", s.Account);
        json.WriteString("statementId", s.StatementId);
        json.WriteString("from", s.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("to", s.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("opening", s.Opening.Ore);
        json.WriteNumber("booked", check.Booked.Ore);
        json.WriteNumber("closing", s.Closing.Ore);
        json.WriteNumber("difference", check.Difference.Ore);
        json.WriteBoolean("agrees", check.Agrees);
        json.WriteString("explanation", check.Summary);
        json.WriteStartArray("explainedBy");
        foreach (var e in check.Explanations)
        {
            json.WriteStartObject();
            json.WriteString("entryId", e.Movement.EntryId);
            json.WriteNumber("amount", e.Movement.Amount.Ore);
            json.WriteString("reason", e.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
