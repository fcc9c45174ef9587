using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Sbanken;
using Bankflow.Functions.Remittance;

namespace Bankflow.Functions.Endpoints.SbankenComplete;

/// <summary>
/// The completion's JSON body:
/// <code>
/// { "conversionDate": "2026-01-01", "acceptBalanceDifferences": false,
///   "accounts": [ { "accountNumber": "97100512347", "activate": true, "ledgerAccount": "1920",
///                   "services": "both", "feeLedgerAccount": "7770", "reconciliationStartDate": "2026-11-01",
///                   "erpBalance": "10500.00" } ],
///   "salaryAccount": "…", "operatingAccount": "…", "taxWithholdingAccount": "…" }
/// </code>
/// Amounts are decimal kroner as a string or a number. Texts are taken as they come: the rules check them.
/// </summary>
internal sealed record CompletionBody(
    string? ConversionDate,
    bool? AcceptBalanceDifferences,
    List<AccountBody>? Accounts,
    string? SalaryAccount,
    string? OperatingAccount,
    string? TaxWithholdingAccount)
{
    /// <summary>A few hundred accounts fit many times over; the body is read no further than this.</summary>
    public const long MaxBytes = 256 * 1024;

    /// <summary>
    /// Reads the body field by field (<see cref="JsonFields"/>): a value of the wrong kind is an error naming its
    /// field ("accounts[2].activate: must be true or false, found a string"), every one at once — never a
    /// serializer's message, which names .NET types.
    /// </summary>
    public static CompletionBody? Read(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var conversionDate = body.String("conversionDate");
        bool? accept = body.Has("acceptBalanceDifferences") ? body.Bool("acceptBalanceDifferences") : null;
        List<AccountBody>? accounts = null;
        if (body.Array("accounts") is { } items)
        {
            accounts = new List<AccountBody>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"accounts[{i}]");
                if (items[i].ValueKind == JsonValueKind.Null)
                {
                    accounts.Add(new AccountBody(null, null, null, null, null, null, null));
                    continue;
                }
                if (items[i].ValueKind != JsonValueKind.Object)
                {
                    body.Fail(path, "each account must be an object");
                    continue;
                }
                var a = new JsonFields(items[i], path + ".");
                bool? activate = a.Has("activate") ? a.Bool("activate") : null;
                JsonElement? balance = null;
                if (a.Root.TryGetProperty("erpBalance", out var erp) && erp.ValueKind != JsonValueKind.Null)
                {
                    if (erp.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                    {
                        balance = erp.Clone();
                    }
                    else
                    {
                        a.Fail("erpBalance", "must be an amount in kroner such as 10500.00, as a number or a string");
                    }
                }
                accounts.Add(new AccountBody(a.String("accountNumber"), activate, a.String("ledgerAccount"), a.String("services"),
                    a.String("feeLedgerAccount"), a.String("reconciliationStartDate"), balance));
                body.Merge(a);
            }
        }
        var completion = new CompletionBody(conversionDate, accept, accounts, body.String("salaryAccount"), body.String("operatingAccount"), body.String("taxWithholdingAccount"));
        return body.HasErrors ? null : completion;
    }

    public CompletionRequest ToRequest() => new(
        ConversionDate,
        (Accounts ?? []).Select(a => a ?? new AccountBody(null, null, null, null, null, null, null)).Select(a => new AccountChoice(
            a.AccountNumber, a.Activate ?? false, a.LedgerAccount, a.Services, a.FeeLedgerAccount, a.ReconciliationStartDate, Amount(a.ErpBalance))).ToList(),
        SalaryAccount, OperatingAccount, TaxWithholdingAccount);

    private static string? Amount(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        _ => null,
    };
}

internal sealed record AccountBody(
    string? AccountNumber,
    bool? Activate,
    string? LedgerAccount,
    string? Services,
    string? FeeLedgerAccount,
    string? ReconciliationStartDate,
    JsonElement? ErpBalance);
