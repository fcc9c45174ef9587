using System.Globalization;
using System.Text;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Dnb;

/// <summary>What a wizard link carries: the state DNB echoes in its callback, and the order, so the wizard opens pre-filled.</summary>
public sealed record DnbWizardRequest(string State, IReadOnlyList<DnbOrderLine> Lines, KidSetup? KidSetup);

/// <summary>
/// The link to DNB's ordering wizard (bestillingsveileder) that the accountant's browser is sent to (seed 001: "Du blir så
/// rutet videre til DNB sin bestillingsveileder"): the wizard's URL from configuration plus <c>state</c> (single use,
/// bound to client, user and order), <c>accounts</c> (<c>15031234567:remittance+ocr,…</c>, <c>rgb</c> for the late
/// order) and, with OCR, <c>kid</c> (<c>9-mod10</c>). Pure, so Bankflow and the DNB simulator read it the same way.
/// </summary>
public static class DnbWizardLink
{
    private const string Rgb = "rgb";

    public static Uri Build(Uri wizard, DnbWizardRequest request)
    {
        ArgumentNullException.ThrowIfNull(wizard);
        ArgumentNullException.ThrowIfNull(request);
        var accounts = string.Join(",", request.Lines.Select(l =>
            l.Account.Value + ":" + string.Join("+", DnbServiceNames.Names(l.Services).Concat(l.AccountingApprovedPayments ? [Rgb] : []))));
        var query = new StringBuilder();
        query.Append("state=").Append(Uri.EscapeDataString(request.State));
        query.Append("&accounts=").Append(Uri.EscapeDataString(accounts));
        if (request.KidSetup is { } kid)
        {
            query.Append("&kid=").Append(Uri.EscapeDataString(string.Create(CultureInfo.InvariantCulture, $"{kid.Length}-{KidSetup.CheckName(kid.Check)}")));
        }
        var builder = new UriBuilder(wizard);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? query.ToString() : existing + "&" + query;
        return builder.Uri;
    }

    /// <summary>Reads the parameters of a wizard link's query (decoded values by name); null when something is missing or malformed.</summary>
    public static DnbWizardRequest? Read(IReadOnlyDictionary<string, string> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.TryGetValue("state", out var state) || string.IsNullOrEmpty(state) || !query.TryGetValue("accounts", out var accounts))
        {
            return null;
        }
        var lines = new List<DnbOrderLine>();
        foreach (var item in accounts.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !AccountNumber.TryParse(item[..colon], out var account, out _))
            {
                return null;
            }
            var services = DnbServices.None;
            var rgb = false;
            foreach (var name in item[(colon + 1)..].Split('+', StringSplitOptions.RemoveEmptyEntries))
            {
                if (name == Rgb)
                {
                    rgb = true;
                }
                else if (DnbServiceNames.TryParse(name, out var service))
                {
                    services |= service;
                }
                else
                {
                    return null;
                }
            }
            lines.Add(new DnbOrderLine(account!, services, rgb));
        }
        KidSetup? kid = null;
        if (query.TryGetValue("kid", out var kidText))
        {
            var dash = kidText.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || !int.TryParse(kidText[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || !KidSetup.TryParseCheck(kidText[(dash + 1)..], out var check) || !KidSetup.TryCreate(length, check, out kid, out _))
            {
                return null;
            }
        }
        return new DnbWizardRequest(state, lines, kid);
    }
}
