using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Collection;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Remittance;

namespace Bankflow.Functions.Collection;

/// <summary>The collection request bodies read into domain input, every wrong field named (<see cref="JsonFields"/>).</summary>
public static class CollectionJson
{
    public static RegistrationForm ReadRegistration(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var address = body.Object("address");
        var contact = body.Object("contact");
        var accounts = body.Object("accounts");
        Dictionary<string, string?>? accountTexts = null;
        if (accounts is not null)
        {
            accountTexts = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in accounts.Root.EnumerateObject())
            {
                accountTexts[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => accounts.String(property.Name),
                };
            }
            body.Merge(accounts);
        }
        var form = new RegistrationForm(body.String("organisationNumber"), body.String("companyName"), address?.String("line1"), address?.String("line2"),
            address?.String("postcode"), address?.String("city"), body.String("bankAccount"), OptionalBool(body, "vatDeduction"),
            contact?.String("firstName"), contact?.String("lastName"), contact?.String("email"), contact?.String("phone"), accountTexts,
            OptionalBool(body, "agreementConfirmed"));
        if (address is not null)
        {
            body.Merge(address);
        }
        if (contact is not null)
        {
            body.Merge(contact);
        }
        return form;
    }

    /// <summary>Adds the domain's issues to the field errors (a field the JSON reading already failed keeps only that message).</summary>
    public static void AddIssues(JsonFields body, IEnumerable<FieldIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var issue in issues)
        {
            if (!body.Errors.ContainsKey(issue.Field))
            {
                body.Fail(issue.Field, issue.Reason);
            }
        }
    }

    public static IntegrationSettings ReadSettings(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        CollectionMode? mode = null;
        if (body.String("mode") is { } modeText)
        {
            if (Enum.TryParse<CollectionMode>(modeText, ignoreCase: true, out var m) && !modeText.Any(char.IsAsciiDigit))
            {
                mode = m;
            }
            else
            {
                body.Fail("mode", "must be manual or automatic");
            }
        }
        ReminderProfile? profile = null;
        var clear = body.Root.TryGetProperty("reminderProfile", out var p) && p.ValueKind == JsonValueKind.Null;
        if (!clear && body.Object("reminderProfile") is { } o)
        {
            var reminders = Int(o, "reminders");
            var days = Int(o, "periodDays");
            if (reminders is not null && days is not null)
            {
                profile = new ReminderProfile(reminders.Value, days.Value);
                if (IntegrationRules.ProfileRefusal(profile) is { } refusal)
                {
                    o.Fail(refusal.StartsWith("reminders", StringComparison.Ordinal) ? "reminders" : "periodDays", refusal);
                }
            }
            body.Merge(o);
        }
        int? existing = null;
        if (body.Has("existingOpenCases"))
        {
            existing = Int(body, "existingOpenCases");
            if (existing < 0)
            {
                body.Fail("existingOpenCases", "must be 0 or more");
            }
        }
        return new IntegrationSettings(mode, OptionalBool(body, "mayCreateCases"), OptionalBool(body, "ownReminders"), profile, clear,
            OptionalBool(body, "ownCollectionNotice"), existing);
    }

    public static DunningDates ReadDunning(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var dates = new List<DateOnly>();
        var list = body.Array("reminderDates") ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].ValueKind == JsonValueKind.String && DateOnly.TryParseExact(list[i].GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                dates.Add(d);
            }
            else
            {
                body.Fail($"reminderDates[{i}]", "must be a date as yyyy-MM-dd");
            }
        }
        var notice = body.Date("collectionNoticeDate");
        return new DunningDates([.. dates.Order()], notice);
    }

    public static AgencySettlement? ReadSettlement(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var id = Id(body, "settlementId");
        var invoice = body.String("invoiceId", required: true);
        var date = body.Date("date", required: true);
        var principal = Ore(body, "principal");
        var interest = Ore(body, "interest");
        var commission = Ore(body, "commission");
        var fees = Ore(body, "fees");
        var net = Ore(body, "net");
        var reference = body.String("paymentReference");
        if (reference is { Length: > 35 })
        {
            body.Fail("paymentReference", "must be at most 35 characters");
        }
        return body.HasErrors ? null : new AgencySettlement(id!, invoice!, date!.Value, principal!.Value, interest!.Value, commission!.Value, fees!.Value, net!.Value,
            string.IsNullOrWhiteSpace(reference) ? null : reference.Trim());
    }

    /// <summary>An agency id or settlement id: 1–64 of A–Z a–z 0–9 - _ . (route and key safe).</summary>
    public static string? Id(JsonFields body, string field)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = body.String(field, required: true);
        if (text is not null && !IsId(text))
        {
            body.Fail(field, "must be 1–64 of A–Z a–z 0–9 - _ .");
            return null;
        }
        return text;
    }

    public static bool IsId(string? text) => text is { Length: > 0 and <= 64 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static Money? Ore(JsonFields body, string field)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.Root.TryGetProperty(field, out var value))
        {
            body.Fail(field, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var ore))
        {
            body.Fail(field, $"must be an integer number of øre, found {value.GetRawText()}");
            return null;
        }
        return new Money(ore);
    }

    private static int? Int(JsonFields body, string field)
    {
        if (!body.Root.TryGetProperty(field, out var value))
        {
            body.Fail(field, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n))
        {
            body.Fail(field, $"must be an integer, found {value.GetRawText()}");
            return null;
        }
        return n;
    }

    private static bool? OptionalBool(JsonFields body, string field) => body.Has(field) ? body.Bool(field) : null;
}
