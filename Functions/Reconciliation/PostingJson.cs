using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Reconciliation.Postings;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// A posting proposal as stored with its match and shown by the API: <c>{"date","lines":[{"account","debit","credit","kind",
/// "customerId","invoiceId","text"}]}</c>, amounts in øre (the same lines as <c>bankflow reconcile</c> prints).
/// </summary>
public static class PostingJson
{
    public static string Write(PostingProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("date", proposal.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteBoolean("balanced", proposal.IsBalanced);
            json.WriteStartArray("lines");
            foreach (var line in proposal.Lines)
            {
                json.WriteStartObject();
                json.WriteString("account", line.Account.Number);
                json.WriteNumber("debit", line.Debit.Ore);
                json.WriteNumber("credit", line.Credit.Ore);
                json.WriteString("kind", Kind(line.Kind));
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
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Kind(PostingKind kind) => kind switch
    {
        PostingKind.Bank => "bank",
        PostingKind.Customer => "customer",
        PostingKind.UnappliedCredit => "unapplied-credit",
        PostingKind.Fee => "fee",
        PostingKind.Supplier => "supplier",
        PostingKind.Interest => "interest",
        PostingKind.Commission => "commission",
        PostingKind.CollectionFee => "collection-fee",
        PostingKind.Loss => "loss",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
