using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Demo;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Simulators.Modhi;

namespace Bankflow.LocalHost.Run;

/// <summary>
/// The run's collection step (issue 14): a Modhi simulator on loopback (started before the handler, which gets Modhi's
/// secret), then through the public API as the accountant: the demo client registered for collection, a Modhi integration
/// whose activation is refused while the client sends its own reminders without a reminder profile, activated once the
/// agency sends the first letter; an overdue invoice through the daily step (Draft → Approved, Automatic mode); Modhi
/// fetches it over the signed agency API, answers with its case number, reports the notice sent; the ERP credits part of the
/// invoice and Modhi pulls that credit note as a case update; Modhi settles the rest; the posting
/// proposal Bankflow made; Modhi's net payment arriving as a Nets OCR shipment in the inbox, imported and matched to the
/// settlement's open item. Returns the lines for the report.
/// </summary>
public sealed class CollectionDemo : IAsyncDisposable
{
    /// <summary>The demo invoice's number on fresh storage; on persistent storage (<c>BANKFLOW_STORAGE</c>) each later run takes the next free one.</summary>
    public const string InvoiceId = "10060";

    public const long InvoiceAmount = 250_000;

    /// <summary>The invoice's amount after the ERP's credit note during collection (500.00 credited).</summary>
    public const long CreditedAmount = 200_000;

    /// <summary>
    /// The demo client's Nets shipments are numbered from one data sender: the sample OCR file is 1, Modhi's payment is
    /// reported in the next (another number would be reported as a gap, the same one with other content refused). A later
    /// run on persistent storage, whose invoice is the k-th after <see cref="InvoiceId"/>, reports it in shipment 2 + k.
    /// </summary>
    public const int PaymentTransmissionNumber = 2;

    private readonly ModhiSimulator _modhi;

    internal CollectionDemo(ModhiSimulator modhi) => _modhi = modhi;

    /// <summary>The handler's <c>Bankflow:Collection:Agencies:modhi:Secret</c> for the simulator.</summary>
    public IReadOnlyDictionary<string, string> HandlerSettings => _modhi.HandlerSettings();

    public static async Task<CollectionDemo> StartAsync(CancellationToken cancellationToken) =>
        new(await ModhiSimulator.StartAsync(cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<string>> RunAsync(LocalFunctionsHost host, string functionKey, string clientToken, ClientId client, BlobServiceClient blobs, DateOnly today,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(client);
        _modhi.BankflowUrl = host.Http!.BaseAddress;
        var lines = new List<string> { "", $"Collection (Modhi simulator at {_modhi.BaseAddress}, signed agency API at /api/agency/…)" };
        try
        {
            using var http = new HttpClient { BaseAddress = host.Http.BaseAddress };
            await RunCoreAsync(new Api(http, functionKey, clientToken), client, blobs, today, timeout, lines, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or KeyNotFoundException or Azure.RequestFailedException)
        {
            lines.Add($"  the collection demo stopped: {ex.Message}");
        }
        return lines;
    }

    /// <summary>The overdue invoice the demo hands to Modhi: due 40 days ago, so the daily step for the day after its due date drafts it alone.</summary>
    public static object Invoice(DateOnly today, long amount = InvoiceAmount, string invoiceId = InvoiceId) => new
    {
        invoiceId,
        customerId = "C-400",
        customerName = "Havbris AS",
        invoiceNumber = invoiceId,
        kid = Kid.WithCheckDigit(invoiceId, KidCheck.Mod10),
        amount,
        currency = "NOK",
        invoiceDate = Day(today.AddDays(-54)),
        dueDate = Day(today.AddDays(-40)),
    };

    private async Task RunCoreAsync(Api api, ClientId client, BlobServiceClient blobs, DateOnly today, TimeSpan timeout, List<string> lines, CancellationToken cancellationToken)
    {
        var root = $"api/clients/{client.Value}";
        var agency = $"{root}/collection/agencies/{ModhiSimulator.AgencyId}";
        var account = AccountNumber.Parse(DemoFiles.ClientAccount);

        var (status, answer) = await api.SendAsync(HttpMethod.Put, $"{root}/collection/registration", Registration(), cancellationToken).ConfigureAwait(false);
        lines.Add($"  registration Demo AS (org. {RemittanceDemo.DemoOrganisationNumber}, account {account.Formatted}, posting accounts 1920/1500/8055/6790/7790 by default): {status}");
        if (status != 200)
        {
            lines.Add("    " + Detail(answer));
            return;
        }

        var integrationSettings = new { mode = "automatic", mayCreateCases = true, ownReminders = true };
        (status, answer) = await api.SendAsync(HttpMethod.Post, agency, integrationSettings, cancellationToken).ConfigureAwait(false);
        if (status == 409)
        {
            // Persistent storage: an earlier run's integration is there. Its cases are closed, so it may go, and the step
            // starts again from a new integration (a new client key) as on fresh storage.
            var (removed, removal) = await api.SendAsync(HttpMethod.Delete, agency, null, cancellationToken).ConfigureAwait(false);
            lines.Add($"  an earlier run's modhi integration removed (its cases are closed): {removed}" + (removed is 200 or 204 ? "" : " " + Detail(removal)));
            (status, answer) = await api.SendAsync(HttpMethod.Post, agency, integrationSettings, cancellationToken).ConfigureAwait(false);
        }
        lines.Add($"  integration modhi (automatic, may create new cases, own reminders, no reminder profile): {status}" + (status == 201 ? ", client key issued" : " " + Detail(answer)));
        if (status != 201)
        {
            return;
        }
        var clientKey = Guid.Parse(JsonDocument.Parse(answer).RootElement.GetProperty("clientKey").GetString()!);
        (status, answer) = await api.SendAsync(HttpMethod.Post, $"{agency}/activate", null, cancellationToken).ConfigureAwait(false);
        lines.Add($"  activate: {status} refused — {Detail(answer)}");
        (status, _) = await api.SendAsync(HttpMethod.Patch, agency, new { ownReminders = false }, cancellationToken).ConfigureAwait(false);
        var (activated, activation) = await api.SendAsync(HttpMethod.Post, $"{agency}/activate", null, cancellationToken).ConfigureAwait(false);
        lines.Add($"  own reminders off (recommended: Modhi's collection notice is the first letter): {status}; activate: {activated}");
        if (activated != 200)
        {
            lines.Add("    " + Detail(activation));
            return;
        }

        var earlierRuns = await EarlierRunsAsync(api, root, cancellationToken).ConfigureAwait(false);
        var invoiceId = (int.Parse(InvoiceId, CultureInfo.InvariantCulture) + earlierRuns).ToString(CultureInfo.InvariantCulture);
        var invoice = JsonSerializer.SerializeToElement(Invoice(today, InvoiceAmount, invoiceId));
        (status, answer) = await api.SendAsync(HttpMethod.Put, $"{root}/open-items", new { items = new[] { invoice } }, cancellationToken).ConfigureAwait(false);
        var due = DateOnly.ParseExact(invoice.GetProperty("dueDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        lines.Add($"  open item {invoiceId} Havbris AS {Kroner(InvoiceAmount)}, due {Day(due)}: {status}");
        (status, answer) = await api.SendAsync(HttpMethod.Post, $"{root}/collection/daily-run?date={Day(due.AddDays(1))}", null, cancellationToken).ConfigureAwait(false);
        if (status != 200)
        {
            lines.Add($"  daily step refused ({status}): {Detail(answer)}");
            return;
        }
        var daily = JsonDocument.Parse(answer).RootElement;
        lines.Add($"  daily step for {Day(due.AddDays(1))} (the first day after the due date): {daily.GetProperty("drafted").GetInt32()} drafted, {daily.GetProperty("approved").GetInt32()} approved at once (Automatic mode)");

        var registered = await _modhi.FetchAndRegisterAsync(clientKey, cancellationToken).ConfigureAwait(false);
        var fetch = _modhi.Sent.FirstOrDefault(s => s.PathAndQuery.EndsWith("/case-fetches", StringComparison.Ordinal));
        lines.Add($"  Modhi fetched approved cases (signed, Idempotency-Key): {fetch?.Answer.Status}, {registered.Count} case(s)"
            + string.Concat(registered.Select(c => $"; {c.InvoiceId} → case number {c.CaseNumber} (receipt 200)")));
        var handed = registered.FirstOrDefault(c => c.InvoiceId == invoiceId);
        if (handed is null)
        {
            lines.Add("    " + (fetch?.Answer.Detail ?? "nothing fetched"));
            return;
        }
        var again = await _modhi.FetchAndRegisterAsync(clientKey, cancellationToken).ConfigureAwait(false);
        lines.Add($"  Modhi fetched again: {again.Count} case(s) (each case is handed over once)");

        var notice = await _modhi.SendStatusAsync(clientKey, invoiceId, "notice-sent", due.AddDays(2), "inkassovarsel sendt", cancellationToken).ConfigureAwait(false);
        lines.Add($"  Modhi status notice-sent: {notice.Status}; case {invoiceId} is now {(notice.IsSuccess ? notice.Json.GetProperty("status").GetString() : notice.Detail)}");

        // The ERP credits part of the invoice (a credit note of 500.00): Bankflow sees the lowered amount and tells Modhi.
        var credited = JsonSerializer.SerializeToElement(Invoice(today, CreditedAmount, invoiceId));
        (status, _) = await api.SendAsync(HttpMethod.Put, $"{root}/open-items", new { items = new[] { credited } }, cancellationToken).ConfigureAwait(false);
        lines.Add($"  the ERP credits {Kroner(InvoiceAmount - CreditedAmount)} on {invoiceId} (open item now {Kroner(CreditedAmount)}): {status}");
        var updates = await _modhi.PullCaseUpdatesAsync(clientKey, cancellationToken).ConfigureAwait(false);
        lines.Add($"  Modhi pulled case updates: {updates.Status}"
            + (updates.IsSuccess
                ? string.Concat(updates.Json.GetProperty("updates").EnumerateArray().Select(u =>
                    $"; {u.GetProperty("kind").GetString()} {Kroner(u.GetProperty("amount").GetInt64())} on {u.GetProperty("caseNumber").GetString()} ({u.GetProperty("updateId").GetString()})"))
                : " " + updates.Detail));
        var pulledAgain = await _modhi.PullCaseUpdatesAsync(clientKey, cancellationToken).ConfigureAwait(false);
        lines.Add($"  pulled again: {(pulledAgain.IsSuccess ? pulledAgain.Json.GetProperty("updates").GetArrayLength().ToString(CultureInfo.InvariantCulture) : pulledAgain.Detail)} update(s) (each once)");

        var settlement = await _modhi.SettleAsync(clientKey, invoiceId, today, interest: 2_500, commission: 5_000, fees: 3_500, cancellationToken).ConfigureAwait(false);
        lines.Add($"  Modhi settlement {settlement.SettlementId}: principal {Kroner(settlement.Principal)} + interest {Kroner(settlement.Interest)} − commission {Kroner(settlement.Commission)}"
            + $" − fees {Kroner(settlement.Fees)} = net {Kroner(settlement.Net)}, reference {settlement.PaymentReference}: {settlement.Answer.Status}");
        if (settlement.Answer.Status != 201)
        {
            lines.Add("    " + settlement.Answer.Detail);
            return;
        }
        var booked = settlement.Answer.Json;
        lines.Add($"  case {invoiceId} ({handed.CaseNumber}): {booked.GetProperty("case").GetProperty("status").GetString()}; posting proposal:");
        foreach (var line in booked.GetProperty("postingProposal").GetProperty("lines").EnumerateArray())
        {
            var debit = line.GetProperty("debit").GetInt64();
            var credit = line.GetProperty("credit").GetInt64();
            lines.Add($"    {line.GetProperty("account").GetString()}  {(debit > 0 ? Kroner(debit) : ""),10}  {(credit > 0 ? Kroner(credit) : ""),10}  {line.GetProperty("text").GetString()}");
        }
        var repeat = await _modhi.SendAsync(clientKey, "settlements", JsonDocument.Parse(_modhi.Sent.Last(s => s.PathAndQuery.EndsWith("/settlements", StringComparison.Ordinal)).Body).RootElement,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        lines.Add($"  the same settlement again (new Idempotency-Key): {repeat.Status}, duplicate {(repeat.IsSuccess && repeat.Json.GetProperty("duplicate").GetBoolean() ? "true — booked once" : repeat.Detail)}");
        var replay = await _modhi.ReplayLastAsync(cancellationToken).ConfigureAwait(false);
        lines.Add($"  that request replayed byte for byte: {replay.Status} ({Detail(replay.Body)})");

        var netItem = booked.GetProperty("netOpenItem").ValueKind == JsonValueKind.String ? booked.GetProperty("netOpenItem").GetString()! : "collection-" + settlement.SettlementId;
        var file = await ModhiPaymentFile.DeliverAsync(blobs, client, settlement, DemoFiles.ClientAccount, PaymentTransmissionNumber + earlierRuns, cancellationToken).ConfigureAwait(false);
        lines.Add($"  Modhi pays the net {Kroner(settlement.Net)} with KID {settlement.PaymentReference}: Nets OCR shipment inbox/{file}");
        var deadline = DateTime.UtcNow + timeout;
        string? itemStatus = null;
        while (DateTime.UtcNow < deadline)
        {
            (status, answer) = await api.SendAsync(HttpMethod.Get, $"{root}/open-items/{netItem}", null, cancellationToken).ConfigureAwait(false);
            itemStatus = status == 200 ? JsonDocument.Parse(answer).RootElement.GetProperty("status").GetString() : $"{status}";
            if (itemStatus == "paid")
            {
                break;
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        (status, answer) = await api.SendAsync(HttpMethod.Get, $"{root}/matches?from={Day(today)}&to={Day(today)}", null, cancellationToken).ConfigureAwait(false);
        var match = status == 200
            ? JsonDocument.Parse(answer).RootElement.GetProperty("items").EnumerateArray().FirstOrDefault(m => m.GetRawText().Contains(netItem, StringComparison.Ordinal))
            : default;
        lines.Add(match.ValueKind == JsonValueKind.Object
            ? $"  imported and matched [{match.GetProperty("rule").GetString()}] {match.GetProperty("explanation").GetString()}; open item {netItem}: {itemStatus}"
            : $"  not matched within {timeout.TotalSeconds:0} s; open item {netItem}: {itemStatus}");
    }

    /// <summary>How many earlier runs left a demo case on this storage: the first free invoice number after <see cref="InvoiceId"/>.</summary>
    private static async Task<int> EarlierRunsAsync(Api api, string root, CancellationToken cancellationToken)
    {
        var first = int.Parse(InvoiceId, CultureInfo.InvariantCulture);
        for (var k = 0; k < 1000; k++)
        {
            var (status, _) = await api.SendAsync(HttpMethod.Get, $"{root}/collection/cases/{first + k}", null, cancellationToken).ConfigureAwait(false);
            if (status == 404)
            {
                return k;
            }
        }
        throw new InvalidOperationException("a thousand earlier demo cases on this storage: start from fresh storage");
    }

    private static object Registration() => new
    {
        organisationNumber = RemittanceDemo.DemoOrganisationNumber,
        companyName = "Demo AS",
        address = new { line1 = "Storgata 1", postcode = "0155", city = "Oslo" },
        bankAccount = DemoFiles.ClientAccount,
        vatDeduction = true,
        contact = new { firstName = "Kari", lastName = "Regnskap", email = "kari@demo.example" },
        agreementConfirmed = true,
    };

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Kroner(long ore) => new Money(ore).ToString();

    private static string Detail(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            var root = document.RootElement;
            return root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? problem
                : root.TryGetProperty("title", out var title) ? title.GetString() ?? problem : problem;
        }
        catch (JsonException)
        {
            return problem;
        }
    }

    /// <summary>The accountant's calls: function key and client token, a buffered JSON body (the host forwards a body only with a length).</summary>
    private sealed class Api(HttpClient http, string functionKey, string token)
    {
        public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("x-functions-key", functionKey);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (method == HttpMethod.Post)
            {
                request.Headers.Add("Idempotency-Key", "run-" + Guid.NewGuid().ToString("N"));
            }
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    public ValueTask DisposeAsync() => _modhi.DisposeAsync();
}
