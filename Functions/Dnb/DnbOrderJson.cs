using System.Text.Json;
using Bankflow.Domain.Dnb;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Remittance;

namespace Bankflow.Functions.Dnb;

/// <summary>
/// The JSON of a DNB order: <c>{"accounts": [{"accountNumber", "services": ["remittance", "ocr", "reconciliation"],
/// "accountingApprovedPayments"}], "feeLedgerAccount": "7770", "kidSetup": {"length": 9, "check": "mod10"}}</c>, and the
/// order as answered. Malformed fields are reported here, the order's rules by <see cref="DnbOrderRules"/>.
/// </summary>
public static class DnbOrderJson
{
    public static DnbOrderRequest? Read(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = new List<DnbOrderLine>();
        if (body.Array("accounts", required: true) is { } accounts)
        {
            for (var i = 0; i < accounts.Count; i++)
            {
                var item = new JsonFields(accounts[i], body.Name($"accounts[{i}]."));
                if (accounts[i].ValueKind != JsonValueKind.Object)
                {
                    body.Fail($"accounts[{i}]", "must be an object with accountNumber and services");
                    continue;
                }
                var line = ReadLine(item);
                body.Merge(item);
                if (line is not null)
                {
                    lines.Add(line);
                }
            }
        }
        LedgerAccount? fee = null;
        if (body.String("feeLedgerAccount", required: true) is { } feeText)
        {
            if (LedgerAccount.TryParse(feeText, out var parsed, out var error))
            {
                fee = parsed;
            }
            else
            {
                body.Fail("feeLedgerAccount", error!);
            }
        }
        KidSetup? kid = null;
        if (body.Object("kidSetup") is { } k)
        {
            kid = ReadKidSetup(k, "length", "check");
            body.Merge(k);
        }
        return body.HasErrors || fee is null ? null : new DnbOrderRequest(lines, fee, kid);
    }

    private static DnbOrderLine? ReadLine(JsonFields item)
    {
        AccountNumber? account = null;
        if (item.String("accountNumber", required: true) is { } text)
        {
            if (AccountNumber.TryParse(text, out var parsed, out var error))
            {
                account = parsed;
            }
            else
            {
                item.Fail("accountNumber", error!);
            }
        }
        var services = DnbServices.None;
        foreach (var service in item.Array("services") ?? [])
        {
            if (service.ValueKind == JsonValueKind.String && DnbServiceNames.TryParse(service.GetString(), out var s))
            {
                services |= s;
            }
            else
            {
                item.Fail("services", $"holds names from: {string.Join(", ", DnbServiceNames.All)}; found {service.GetRawText()}");
            }
        }
        var rgb = item.Bool("accountingApprovedPayments");
        return account is null ? null : new DnbOrderLine(account, services, rgb);
    }

    /// <summary>A KID setup object (<c>{length, check}</c> in orders, <c>{kidLength, kidCheck}</c> in callbacks); null with the errors in <paramref name="k"/>.</summary>
    internal static KidSetup? ReadKidSetup(JsonFields k, string lengthField, string checkField)
    {
        int? length = null;
        if (k.Root.TryGetProperty(lengthField, out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n))
        {
            length = n;
            if (n is < Kid.MinLength or > Kid.MaxLength)
            {
                k.Fail(lengthField, $"a KID has {Kid.MinLength}–{Kid.MaxLength} digits, check digit included; found {n}");
            }
        }
        else
        {
            k.Fail(lengthField, $"is required: the number of digits in a KID, check digit included ({Kid.MinLength}–{Kid.MaxLength})");
        }
        var checkText = k.String(checkField, required: true);
        var check = KidCheck.None;
        if (checkText is not null && !KidSetup.TryParseCheck(checkText, out check))
        {
            k.Fail(checkField, $"must be mod10 or mod11, found '{checkText}'");
        }
        return length is { } len && KidSetup.TryCreate(len, check, out var setup, out _) ? setup : null;
    }

    public static string StatusName(DnbOrderStatus status) => status switch
    {
        DnbOrderStatus.Registered => "registered",
        DnbOrderStatus.Failed => "failed",
        // A callback being applied is not done yet: to the accountant the order is still pending.
        _ => "pending",
    };

    public static object ToView(StoredDnbOrder o) => new
    {
        orderId = o.OrderId,
        status = StatusName(o.Status),
        createdAt = o.CreatedAt,
        expiresAt = o.ExpiresAt,
        completedAt = o.CompletedAt,
        reason = o.FailureReason,
        feeLedgerAccount = o.Request.FeeLedgerAccount.Number,
        kidSetup = o.Request.ClientKidSetup is { } kid ? new { length = kid.Length, check = KidSetup.CheckName(kid.Check) } : null,
        accounts = o.Request.Lines.Select(l => new
        {
            accountNumber = l.Account.Value,
            accountNumberFormatted = l.Account.Formatted,
            services = DnbServiceNames.Names(l.Services).ToArray(),
            accountingApprovedPayments = l.AccountingApprovedPayments,
        }),
        problems = o.Problems,
    };
}
