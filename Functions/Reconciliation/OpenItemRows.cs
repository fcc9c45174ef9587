using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;
using Bankflow.Functions.Remittance;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// The body of an open-items upload: <c>{"items":[{"invoiceId","customerId","customerName","invoiceNumber","kid","amount",
/// "currency","invoiceDate","dueDate"}]}</c>, at most <see cref="MaxItems"/> per call. Amounts are integers in øre (credit
/// notes negative). Every row is checked and every problem named by row index and field (<c>items[3].amount</c>), so one
/// answer lists all that is wrong; nothing is stored unless every row is right.
/// </summary>
public static class OpenItemRows
{
    public const int MaxItems = 10_000;
    public const int MaxIdLength = 100;
    public const int MaxNameLength = 200;

    /// <summary>±10¹⁵ øre: far beyond any invoice, and exact in a JSON number.</summary>
    private const long MaxOre = 1_000_000_000_000_000;

    public static (IReadOnlyList<OpenItem>? Items, Dictionary<string, string[]>? Errors) Read(ClientId client, JsonElement root)
    {
        ArgumentNullException.ThrowIfNull(client);
        var body = new JsonFields(root);
        var rows = body.Array("items", required: true);
        if (rows is null)
        {
            return (null, body.ToDictionary());
        }
        if (rows.Count == 0)
        {
            body.Fail("items", "is empty; send at least one open item");
            return (null, body.ToDictionary());
        }
        if (rows.Count > MaxItems)
        {
            body.Fail("items", string.Create(CultureInfo.InvariantCulture, $"has {rows.Count} rows; at most {MaxItems} per call (send the rest in further calls)"));
            return (null, body.ToDictionary());
        }
        var items = new List<OpenItem>(rows.Count);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = new JsonFields(rows[i], string.Create(CultureInfo.InvariantCulture, $"items[{i}]."));
            if (rows[i].ValueKind != JsonValueKind.Object)
            {
                body.Fail(string.Create(CultureInfo.InvariantCulture, $"items[{i}]"), "must be an object");
                continue;
            }
            var item = ReadRow(client, row);
            if (item is not null && !firstRow.TryAdd(item.InvoiceId, i))
            {
                row.Fail("invoiceId", string.Create(CultureInfo.InvariantCulture, $"'{item.InvoiceId}' is also in items[{firstRow[item.InvoiceId]}]; an invoice id appears once per call"));
                item = null;
            }
            body.Merge(row);
            if (item is not null)
            {
                items.Add(item);
            }
        }
        return body.HasErrors ? (null, body.ToDictionary()) : (items, null);
    }

    private static OpenItem? ReadRow(ClientId client, JsonFields row)
    {
        var invoiceId = Text(row, "invoiceId", required: true, MaxIdLength);
        var customerId = Text(row, "customerId", required: true, MaxIdLength);
        var customerName = Text(row, "customerName", required: false, MaxNameLength) ?? "";
        var invoiceNumber = Text(row, "invoiceNumber", required: false, MaxIdLength);
        var kid = Text(row, "kid", required: false, Kid.MaxLength);
        if (kid is not null && !Kid.TryParse(kid, out _, out var kidError))
        {
            row.Fail("kid", $"must be a KID (2–25 digits with a valid MOD10 or MOD11 check digit): {kidError}");
        }
        var amount = Ore(row, "amount");
        var currency = Text(row, "currency", required: false, 3) ?? "NOK";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            row.Fail("currency", $"must be a currency code of three capital letters such as NOK, found '{currency}'");
        }
        var invoiceDate = row.Date("invoiceDate", required: true);
        var dueDate = row.Date("dueDate", required: true);
        if (row.HasErrors)
        {
            return null;
        }
        return new OpenItem(client, invoiceId!, customerId!, customerName, invoiceNumber, kid, new Money(amount!.Value), currency, invoiceDate!.Value, dueDate!.Value);
    }

    /// <summary>A non-blank string without control characters, trimmed, at most <paramref name="max"/> characters.</summary>
    private static string? Text(JsonFields row, string field, bool required, int max)
    {
        var text = row.String(field, required)?.Trim();
        if (text is null)
        {
            return null;
        }
        if (text.Length == 0)
        {
            if (required)
            {
                row.Fail(field, "is empty");
            }
            return null;
        }
        if (text.Length > max)
        {
            row.Fail(field, string.Create(CultureInfo.InvariantCulture, $"is {text.Length} characters; at most {max}"));
            return null;
        }
        if (text.Any(char.IsControl))
        {
            row.Fail(field, "holds control characters");
            return null;
        }
        return text;
    }

    /// <summary>An amount in øre: a JSON integer (1250.00 kroner is 125000), not a string, not a fraction.</summary>
    private static long? Ore(JsonFields row, string field)
    {
        if (row.Root.ValueKind != JsonValueKind.Object || !row.Root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            row.Fail(field, "is required (an integer number of øre, e.g. 125000 for 1250.00 kroner)");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var ore))
        {
            var found = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind.ToString().ToLowerInvariant();
            row.Fail(field, $"must be an integer number of øre (e.g. 125000 for 1250.00 kroner), found {(found.Length > 30 ? found[..30] + "…" : found)}");
            return null;
        }
        if (ore is > MaxOre or < -MaxOre)
        {
            row.Fail(field, "is beyond ±10^15 øre");
            return null;
        }
        return ore;
    }
}
