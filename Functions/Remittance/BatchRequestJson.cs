using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Calendar;
using Bankflow.Domain.Remittance;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// Reads <c>POST …/payment-batches</c>: <c>{"batchId"?: "...", "payments": [{"endToEndId", "debtorAccount",
/// "creditorName", "creditorAccount", "amount", "requestedExecutionDate", "kid" | "text" | "invoiceNumber"}]}</c>.
/// </summary>
internal static class BatchRequestJson
{
    public sealed record Parsed(string? BatchId, IReadOnlyList<PaymentInstruction> Payments, JsonFields Fields, IReadOnlySet<string> BrokenFields);

    public static Parsed Read(JsonFields body, DateOnly today)
    {
        var batchId = body.String("batchId");
        var items = body.Array("payments", required: true) ?? [];
        var payments = new List<PaymentInstruction>(items.Count);
        var broken = new HashSet<string>(StringComparer.Ordinal);
        // A stand-in for a field that could not be read, chosen to pass the domain's check of that field,
        // so the rest of the payment is still checked and every problem is reported at once.
        var standInDate = NorwegianBankCalendar.OnOrAfter(today.AddDays(1));
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"payments[{i}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                body.Fail(path, "each payment must be an object");
                broken.Add(path);
                payments.Add(new PaymentInstruction(null, null, null, null, 1m, standInDate));
                continue;
            }
            var p = new JsonFields(item, path + ".");
            var amount = p.Amount("amount");
            if (amount is null)
            {
                broken.Add(path + ".amount");
            }
            var date = p.Date("requestedExecutionDate", required: true);
            if (date is null)
            {
                broken.Add(path + ".requestedExecutionDate");
            }
            payments.Add(new PaymentInstruction(
                p.String("endToEndId"),
                p.String("debtorAccount"),
                p.String("creditorName"),
                p.String("creditorAccount"),
                amount ?? 1m,
                date ?? standInDate,
                p.String("kid"),
                p.String("text"),
                p.String("invoiceNumber")));
            foreach (var field in p.Errors.Keys)
            {
                broken.Add(field);
            }
            body.Merge(p);
        }
        return new Parsed(batchId, payments, body, broken);
    }

    /// <summary>The builder's errors as problem+json fields: <c>payments[i].field</c>, or the batch-level field.</summary>
    public static string FieldOf(PaymentError error) =>
        error.Index < 0 ? error.Field : string.Create(CultureInfo.InvariantCulture, $"payments[{error.Index}].{error.Field}");
}
