using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Schema;
using Bankflow.Domain.Calendar;
using Bankflow.Domain.Values;
using Bankflow.Testing;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// One client's view of the remittance API in the end-to-end tests: its token, JSON in, JSON (or problem) out. The
/// default token's user is <see cref="User"/>, the name an RgB authorisation is recorded for.
/// </summary>
internal sealed class RemittanceTestClient(LocalStack stack, ClientId client, string? token = null)
{
    /// <summary>MOD11-valid account numbers (checked by hand with weights 5,4,3,2,7,6,5,4,3,2).</summary>
    public const string AccountA = "86011117947";
    public const string AccountB = "15032080119";
    public const string Creditor1 = "78741234563";
    public const string Creditor2 = "12345678903";

    /// <summary>86011117948: the same account with a wrong check digit.</summary>
    public const string BadAccount = "86011117948";

    public const string Org = "974760673";

    public ClientId Client { get; } = client;

    public const string User = "Kari Nordmann";

    public string Token { get; } = token ?? stack.TokenFor(User, client);

    public string Api => $"/api/clients/{Client.Value}";

    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var http = stack.Http();
        var content = body is null ? null : new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var request = stack.Request(method, path, stack.FunctionKey, Token, content);
        configure?.Invoke(request);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false)
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return (response.StatusCode, json, response);
    }

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PutAgreementAsync(string account, object settings, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Put, $"{Api}/agreements/{account}", settings, configure);

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> CreateBatchAsync(params object[] payments) =>
        SendAsync(HttpMethod.Post, $"{Api}/payment-batches", new { payments });

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> BatchAsync(string batchId, string action = "") =>
        SendAsync(action.Length == 0 ? HttpMethod.Get : HttpMethod.Post, $"{Api}/payment-batches/{batchId}{(action.Length == 0 ? "" : "/" + action)}",
            action == "authorise" ? new { authorisedBy = User, bankIdReference = "bankid-" + batchId } : null);

    public async Task<string> CreatedBatchIdAsync(params object[] payments)
    {
        var (status, body, _) = await CreateBatchAsync(payments);
        Assert.True(status == HttpStatusCode.Created, $"expected 201, got {(int)status}: {body}");
        return body.GetProperty("batchId").GetString()!;
    }

    public async Task<Dictionary<string, string>> StatusesAsync(string batchId)
    {
        var (status, body, _) = await BatchAsync(batchId);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("payments").EnumerateArray().ToDictionary(p => p.GetProperty("endToEndId").GetString()!, p => p.GetProperty("status").GetString()!);
    }

    /// <summary>DNB settings: direct integration, registered (AvtaleID and division), accounting-approved (RgB) unless told otherwise.</summary>
    public static Dictionary<string, object?> Dnb(string approvalMode = "AccountingApproved", string integrationMode = "Direct", string ledger = "1920") => new()
    {
        ["bank"] = "Dnb",
        ["integrationMode"] = integrationMode,
        ["payoutService"] = "BankIntegration",
        ["approvalMode"] = approvalMode,
        ["avtaleId"] = "DNB-4711",
        ["dnbDivision"] = new { name = "Test AS", number = "001" },
        ["ledgerAccount"] = ledger,
        ["feeLedgerAccount"] = "7770",
        ["validFrom"] = "2024-01-15",
        ["organisationNumber"] = Org,
        ["companyName"] = "Test AS",
    };

    /// <summary>Handelsbanken settings (AvtaleID = the organisation number), post-approval, valid from 2020.</summary>
    public static Dictionary<string, object?> Handelsbanken(string approvalMode = "PostApproval", string integrationMode = "Direct", string ledger = "1920") => new()
    {
        ["bank"] = "Handelsbanken",
        ["integrationMode"] = integrationMode,
        ["payoutService"] = "BankIntegration",
        ["approvalMode"] = approvalMode,
        ["avtaleId"] = Org,
        ["ledgerAccount"] = ledger,
        ["feeLedgerAccount"] = "7770",
        ["validFrom"] = "2020-03-01",
        ["organisationNumber"] = Org,
        ["companyName"] = "Test AS",
    };

    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo")).DateTime);

    public static DateOnly NextBankingDay => NorwegianBankCalendar.OnOrAfter(Today.AddDays(1));

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object Payment(string endToEndId, decimal amount, string creditorAccount = Creditor1, string debtorAccount = AccountA, string? date = null,
        string? kid = null, string? text = "Faktura 1001") =>
        kid is not null
            ? new { endToEndId, debtorAccount, creditorName = "Leverandør AS", creditorAccount, amount, requestedExecutionDate = date ?? Day(NextBankingDay), kid }
            : new { endToEndId, debtorAccount, creditorName = "Leverandør AS", creditorAccount, amount, requestedExecutionDate = date ?? Day(NextBankingDay), text };

    public static string E2E(string name) => name + "-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Validates a pain.001 against the ISO XSD in ../shared/reference when it is there; returns the problems (none when absent).</summary>
    public static List<string> XsdProblems(byte[] xml, string version)
    {
        var problems = new List<string>();
        if (RepositoryPaths.SharedReference is not { } reference)
        {
            return problems;
        }
        var safe = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        var schemas = new XmlSchemaSet { XmlResolver = null };
        using (var xsd = XmlReader.Create(Path.Combine(reference, "pain.001", "xsd", $"pain.001.001.{version}.xsd"), safe))
        {
            schemas.Add(null, xsd);
        }
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }
        return problems;
    }

    public static IEnumerable<string> ErrorFields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);

    public static string Errors(JsonElement problem, string field) =>
        string.Join(" | ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
}
