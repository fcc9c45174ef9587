using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bankflow.Domain.Values;

namespace Bankflow.LocalHost.Run;

/// <summary>
/// The reconciliation step of <c>bankflow run</c>, through the public API as the ERP would: the demo client's open items
/// are uploaded before the demo bank files arrive (<see cref="UploadOpenItemsAsync"/>); each import then asks for a
/// reconciliation run, and <see cref="ReportAsync"/> waits until every imported entry has been looked at and reports what
/// matched (rule and explanation), what did not and why (with the candidates), and where each open item stands.
/// </summary>
public static class ReconciliationDemo
{
    // The KIDs of the demo bank files (LocalHost/Demo/DemoFiles.cs): the OCR giro's three payments and the camt.054's two.
    private static readonly string OcrKid1 = Kid.WithCheckDigit("10023401", KidCheck.Mod10);
    private static readonly string OcrKid2 = Kid.WithCheckDigit("10023402", KidCheck.Mod10);
    private static readonly string OcrKid3 = Kid.WithCheckDigit("2001", KidCheck.Mod11);
    private static readonly string CamtKid1 = Kid.WithCheckDigit("5550001", KidCheck.Mod10);

    /// <summary>
    /// The open items: the OCR's 1 250.00 pays 10045 in full, its 499.50 pays 10046 in part and its 12 345.67 pays 2001
    /// with 345.67 over; the camt's 1 500.00 pays 10050; its 2 000.00 from Ola Nordmann AS (a KID no invoice has) fits
    /// both of Ola Nordmann's twin invoices 10051 and 10052 — never guessed; 10053 waits for its payment.
    /// </summary>
    public static object[] OpenItems(DateOnly today) =>
    [
        Item("10045", "C-100", "Fjord AS", 125_000, OcrKid1, today),
        Item("10046", "C-101", "Fjell AS", 99_900, OcrKid2, today),
        Item("2001", "C-200", "Bre AS", 1_200_000, OcrKid3, today),
        Item("10050", "C-300", "Kari Nordmann", 150_000, CamtKid1, today),
        Item("10051", "C-301", "Ola Nordmann AS", 200_000, null, today),
        Item("10052", "C-301", "Ola Nordmann AS", 200_000, null, today),
        Item("10053", "C-100", "Fjord AS", 80_000, null, today),
    ];

    public static async Task<IReadOnlyList<string>> UploadOpenItemsAsync(HttpClient http, string functionKey, string clientToken, ClientId client, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var items = OpenItems(today);
        var (status, answer) = await SendAsync(http, functionKey, clientToken, HttpMethod.Put, $"api/clients/{client.Value}/open-items", new { items }, cancellationToken).ConfigureAwait(false);
        return [$"Reconciliation: {items.Length} open items uploaded (PUT /api/clients/{client.Value}/open-items): {status}" + (status == 200 ? "" : " " + answer)];
    }

    /// <summary>Waits until <paramref name="expectedEntries"/> entries of the month are reconciled (or the timeout), then reports.</summary>
    public static async Task<IReadOnlyList<string>> ReportAsync(HttpClient http, string functionKey, string clientToken, ClientId client, DateOnly month, int expectedEntries, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var api = $"api/clients/{client.Value}";
        var lines = new List<string> { "Reconciliation (the open items above against the bank files: what matched, what did not and why):" };
        var deadline = DateTime.UtcNow + timeout;
        JsonElement summary;
        while (true)
        {
            var (status, body) = await SendAsync(http, functionKey, clientToken, HttpMethod.Get, $"{api}/reconciliation/summary?month={month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}", null, cancellationToken).ConfigureAwait(false);
            summary = status == 200 ? JsonDocument.Parse(body).RootElement.Clone() : default;
            var total = status == 200 ? summary.GetProperty("total") : default;
            if (status == 200 && total.GetProperty("entries").GetInt32() >= expectedEntries && total.GetProperty("pending").GetInt32() == 0)
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
            {
                lines.Add($"  not reconciled within {timeout.TotalSeconds:0} s (summary: {status} {body})");
                return lines;
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        foreach (var account in summary.GetProperty("accounts").EnumerateArray())
        {
            var rate = account.GetProperty("automationRate");
            lines.Add($"  {month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}, account {account.GetProperty("account").GetString()}: {account.GetProperty("entries").GetInt32()} entries, "
                + $"{account.GetProperty("automaticallyMatched").GetInt32()} matched automatically, {account.GetProperty("unmatched").GetInt32()} left to a person"
                + (rate.ValueKind == JsonValueKind.Number ? $" — automation rate {rate.GetDouble().ToString("0%", CultureInfo.InvariantCulture)}" : ""));
        }

        var first = new DateOnly(month.Year, month.Month, 1);
        var from = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = first.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        lines.Add("  matched:");
        foreach (var match in await ListAsync(http, functionKey, clientToken, $"{api}/matches?from={from}&to={to}", cancellationToken).ConfigureAwait(false))
        {
            var unapplied = match.GetProperty("unapplied").GetInt64();
            lines.Add($"    {Kroner(match.GetProperty("amount").GetInt64()),10}  {match.GetProperty("entryId").GetString(),-32} [{match.GetProperty("rule").GetString()}] {match.GetProperty("explanation").GetString()}"
                + (unapplied == 0 ? "" : $" (unapplied credit {Kroner(unapplied)})"));
        }
        lines.Add("  not matched (left to a person):");
        foreach (var entry in await ListAsync(http, functionKey, clientToken, $"{api}/unmatched", cancellationToken).ConfigureAwait(false))
        {
            lines.Add($"    {Kroner(entry.GetProperty("amount").GetInt64()),10}  {entry.GetProperty("entryId").GetString(),-32} {entry.GetProperty("counterpartyName").GetString() ?? "(no name)"}: {entry.GetProperty("reason").GetString()}");
            foreach (var candidate in entry.GetProperty("candidates").EnumerateArray())
            {
                var invoices = string.Join(" + ", candidate.GetProperty("invoiceIds").EnumerateArray().Select(i => i.GetString()));
                lines.Add($"        candidate {invoices} ({Kroner(candidate.GetProperty("open").GetInt64())} open, {candidate.GetProperty("strength").GetString()}): {candidate.GetProperty("reason").GetString()}");
            }
        }
        lines.Add("  open items now:");
        foreach (var item in await ListAsync(http, functionKey, clientToken, $"{api}/open-items", cancellationToken).ConfigureAwait(false))
        {
            var status = item.GetProperty("status").GetString();
            var remaining = item.GetProperty("remaining").GetInt64();
            lines.Add($"    {item.GetProperty("invoiceId").GetString(),-6} {item.GetProperty("customerName").GetString(),-16} {Kroner(item.GetProperty("amount").GetInt64()),10}  {status}"
                + (status == "partial" ? $", {Kroner(remaining)} remaining" : status == "overpaid" ? " (the surplus is unapplied credit on the customer)" : ""));
        }
        return lines;
    }

    private static object Item(string invoice, string customerId, string customerName, long ore, string? kid, DateOnly today) => new
    {
        invoiceId = invoice,
        customerId,
        customerName,
        invoiceNumber = invoice,
        kid,
        amount = ore,
        currency = "NOK",
        invoiceDate = today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        dueDate = today.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static string Kroner(long ore) => new Money(ore).ToString();

    private static async Task<List<JsonElement>> ListAsync(HttpClient http, string functionKey, string token, string path, CancellationToken cancellationToken)
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = next is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}continuationToken={Uri.EscapeDataString(next)}";
            var (status, body) = await SendAsync(http, functionKey, token, HttpMethod.Get, page, null, cancellationToken).ConfigureAwait(false);
            if (status != 200)
            {
                break;
            }
            var root = JsonDocument.Parse(body).RootElement.Clone();
            all.AddRange(root.GetProperty("items").EnumerateArray());
            next = root.GetProperty("continuationToken").GetString();
        }
        while (next is not null);
        return all;
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient http, string functionKey, string token, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", functionKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.Content is not null)
        {
            // The host forwards a body only with a Content-Length; JsonContent would otherwise stream it chunked.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }
}
