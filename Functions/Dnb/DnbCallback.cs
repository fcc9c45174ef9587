using System.Text.Json;
using Bankflow.Domain.Dnb;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Remittance;

namespace Bankflow.Functions.Dnb;

/// <summary>
/// DNB's agreement callback, once its signature is checked: <c>{"callbackId", "state", "status": "registered" | "failed",
/// "reason", "accounts": [{"accountNumber", "avtaleId", "divisionName", "divisionNumber", "ocr": {"kidLength", "kidCheck"}}]}</c>.
/// The callback id is DNB's id of the message: a resend carries the same one.
/// </summary>
public sealed record DnbCallback(string CallbackId, string State, bool Registered, string? Reason, IReadOnlyList<DnbRegisteredAccount> Accounts)
{
    private const int MaxIdLength = 100;

    public static DnbCallback? Read(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var id = body.String("callbackId", required: true);
        if (id is not null && (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
        {
            body.Fail("callbackId", $"1–{MaxIdLength} of A–Z a–z 0–9 - _ . :");
        }
        var state = body.String("state", required: true);
        var status = body.String("status", required: true);
        if (status is not null and not ("registered" or "failed"))
        {
            body.Fail("status", $"must be registered or failed, found '{status}'");
        }
        var registered = status == "registered";
        var reason = body.String("reason");
        if (status == "failed" && string.IsNullOrWhiteSpace(reason))
        {
            body.Fail("reason", "is required when the status is failed");
        }
        var accounts = new List<DnbRegisteredAccount>();
        var items = body.Array("accounts", required: registered) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                body.Fail($"accounts[{i}]", "must be an object");
                continue;
            }
            var item = new JsonFields(items[i], body.Name($"accounts[{i}]."));
            var account = ReadAccount(item);
            body.Merge(item);
            if (account is not null)
            {
                accounts.Add(account);
            }
        }
        return body.HasErrors ? null : new DnbCallback(id!, state!, registered, reason?.Trim(), accounts);
    }

    private static DnbRegisteredAccount? ReadAccount(JsonFields item)
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
        var avtaleId = Required(item, "avtaleId");
        var divisionName = Required(item, "divisionName");
        var divisionNumber = Required(item, "divisionNumber");
        KidSetup? ocr = null;
        if (item.Object("ocr") is { } o)
        {
            ocr = DnbOrderJson.ReadKidSetup(o, "kidLength", "kidCheck");
            item.Merge(o);
        }
        return item.HasErrors ? null : new DnbRegisteredAccount(account!, avtaleId!, new DnbDivision(divisionName!, divisionNumber!), ocr);
    }

    private static string? Required(JsonFields item, string field)
    {
        var text = item.String(field, required: true)?.Trim();
        if (text is { Length: 0 or > 70 })
        {
            item.Fail(field, "must be 1–70 characters");
            return null;
        }
        return text;
    }
}
