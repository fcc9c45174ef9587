using System.Globalization;
using System.Text;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.LocalHost.Reconcile;

/// <summary>What is wrong with ITEMS.csv, precisely enough to fix it: the line, the column and what was expected and found.</summary>
internal sealed record CsvProblem(int Line, int? Column, string? ColumnName, string Message)
{
    public override string ToString() => Column is { } column
        ? $"line {Line}, column {column}{(ColumnName is null ? "" : $" ({ColumnName})")}: {Message}"
        : $"line {Line}: {Message}";
}

/// <summary>
/// The open items of <c>bankflow reconcile --open-items ITEMS.csv</c>: UTF-8, a header row
/// <c>invoiceId,customerId,customerName,invoiceNumber,kid,amount,currency,invoiceDate,dueDate</c> (any order),
/// amounts in NOK as decimals with a dot (<c>1250.00</c>, credit notes negative), dates as ISO <c>yyyy-MM-dd</c>.
/// customerName, invoiceNumber and kid may be empty; a KID must have a valid MOD10 or MOD11 check digit.
/// </summary>
internal static class OpenItemsCsv
{
    public static readonly string[] Columns = ["invoiceId", "customerId", "customerName", "invoiceNumber", "kid", "amount", "currency", "invoiceDate", "dueDate"];

    public static bool TryRead(byte[] bytes, ClientId client, out List<OpenItem> items, out CsvProblem? problem)
    {
        items = [];
        problem = null;
        if (!TryDecode(bytes, out var text, out problem))
        {
            return false;
        }
        var syntax = new List<CsvSyntaxError>();
        int[]? columnOf = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in CsvRecords.Read(text, syntax))
        {
            if (columnOf is null)
            {
                if (!TryHeader(record, out columnOf, out problem))
                {
                    return false;
                }
                continue;
            }
            if (record.Fields.Count != Columns.Length)
            {
                problem = new CsvProblem(record.Line, null, null, $"expected {Columns.Length} fields, found {record.Fields.Count}");
                return false;
            }
            if (!TryItem(record, columnOf, client, seen, out var item, out problem))
            {
                return false;
            }
            items.Add(item!);
        }
        if (syntax.Count > 0)
        {
            var error = syntax[0];
            problem = new CsvProblem(error.Line, error.Column, null, error.Message);
            return false;
        }
        if (columnOf is null)
        {
            problem = new CsvProblem(1, null, null, $"the file is empty: expected the header {string.Join(',', Columns)}");
            return false;
        }
        return true;
    }

    private static bool TryDecode(byte[] bytes, out string text, out CsvProblem? problem)
    {
        problem = null;
        var span = bytes.AsSpan();
        // The UTF-8 byte order mark some editors write first.
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span);
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            var valid = span[..Math.Max(0, ex.Index)];
            var line = 1 + valid.Count((byte)'\n');
            text = "";
            problem = new CsvProblem(line, null, null, "not UTF-8 (save the file as UTF-8; Latin-1 'æøå' are the usual cause)");
            return false;
        }
    }

    private static bool TryHeader(CsvRecord header, out int[] columnOf, out CsvProblem? problem)
    {
        // columnOf[k] = position in the record of Columns[k].
        columnOf = new int[Columns.Length];
        Array.Fill(columnOf, -1);
        problem = null;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            var k = Array.IndexOf(Columns, name);
            if (k < 0)
            {
                problem = new CsvProblem(header.Line, i + 1, name, $"unknown column: expected one of {string.Join(',', Columns)}");
                return false;
            }
            if (columnOf[k] >= 0)
            {
                problem = new CsvProblem(header.Line, i + 1, name, $"column {name} appears twice");
                return false;
            }
            columnOf[k] = i;
        }
        var positions = columnOf;
        var missing = Columns.Where((_, k) => positions[k] < 0).ToList();
        if (missing.Count > 0)
        {
            problem = new CsvProblem(header.Line, null, null, $"the header lacks {string.Join(", ", missing)}: expected {string.Join(',', Columns)}");
            return false;
        }
        return true;
    }

    private static bool TryItem(CsvRecord record, int[] columnOf, ClientId client, Dictionary<string, int> seen, out OpenItem? item, out CsvProblem? problem)
    {
        item = null;
        string Field(int k) => record.Fields[columnOf[k]].Trim();
        CsvProblem Problem(int k, string message) => new(record.Line, columnOf[k] + 1, Columns[k], message);

        var invoiceId = Field(0);
        if (invoiceId.Length == 0)
        {
            problem = Problem(0, "expected the invoice id, found nothing");
            return false;
        }
        if (seen.TryGetValue(invoiceId, out var firstLine))
        {
            problem = Problem(0, $"expected each invoice id once, found {invoiceId} again (already on line {firstLine})");
            return false;
        }
        var customerId = Field(1);
        if (customerId.Length == 0)
        {
            problem = Problem(1, "expected the customer id, found nothing");
            return false;
        }
        var kid = Field(4);
        if (kid.Length > 0 && !Kid.TryParse(kid, out _, out var kidError))
        {
            problem = Problem(4, $"expected a KID (2–25 digits with a valid MOD10 or MOD11 check digit) or nothing, found \"{kid}\": {kidError}");
            return false;
        }
        var amountText = Field(5);
        if (!IsPlainDecimal(amountText) || !Money.TryParse(amountText, out var amount, out _))
        {
            problem = Problem(5, $"expected an amount in NOK with a dot and at most two decimals, e.g. 1250.00 or -300.00, found \"{amountText}\"");
            return false;
        }
        var currency = Field(6);
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            problem = Problem(6, $"expected a currency code of three capital letters, e.g. NOK, found \"{currency}\"");
            return false;
        }
        if (!TryDate(Field(7), out var invoiceDate))
        {
            problem = Problem(7, $"expected a date as yyyy-MM-dd, e.g. 2026-03-01, found \"{Field(7)}\"");
            return false;
        }
        if (!TryDate(Field(8), out var dueDate))
        {
            problem = Problem(8, $"expected a date as yyyy-MM-dd, e.g. 2026-03-15, found \"{Field(8)}\"");
            return false;
        }
        seen[invoiceId] = record.Line;
        var name = Field(2);
        var number = Field(3);
        item = new OpenItem(client, invoiceId, customerId, name, number.Length == 0 ? null : number, kid.Length == 0 ? null : kid, amount, currency, invoiceDate, dueDate);
        problem = null;
        return true;
    }

    /// <summary>Digits with an optional leading minus and at most two decimals after a dot ("1250", "1250.5", "-300.00").</summary>
    private static bool IsPlainDecimal(string text)
    {
        var s = text.AsSpan();
        if (s.StartsWith("-"))
        {
            s = s[1..];
        }
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? [] : s[(dot + 1)..];
        return whole.Length > 0 && !whole.ContainsAnyExceptInRange('0', '9')
            && (dot < 0 || (fraction.Length is 1 or 2 && !fraction.ContainsAnyExceptInRange('0', '9')));
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
