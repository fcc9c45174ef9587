using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// The JSON shape of a bank account's agreement settings (request and answer), camelCase like
/// <see cref="BankAgreement"/>'s properties, so the domain's field names are the caller's field names.
/// </summary>
public static class AgreementJson
{
    /// <summary>
    /// Reads a PUT body. Every malformed field is reported; the domain rules are checked afterwards by
    /// <see cref="BankAgreementValidator"/>. Null when a field could not be read.
    /// </summary>
    public static StoredAgreement? Read(ClientId client, AccountNumber account, JsonFields body, DateTimeOffset now)
    {
        var bank = body.Enum("bank", Bank.Other, required: true);
        var integration = body.Enum("integrationMode", IntegrationMode.Direct);
        var payout = body.Enum("payoutService", PayoutService.BankIntegration);
        var approval = body.Enum("approvalMode", ApprovalMode.PostApproval);
        var painVersion = ReadPainVersion(body);
        var validFrom = body.Date("validFrom", required: true);
        var avtaleId = Blank(body.String("avtaleId"));
        var netsOcrAvtaleId = Blank(body.String("netsOcrAvtaleId"));

        DnbDivision? division = null;
        if (body.Object("dnbDivision") is { } d)
        {
            var name = Blank(d.String("name"));
            var number = Blank(d.String("number"));
            body.Merge(d);
            division = name is null && number is null ? null : new DnbDivision(name ?? "", number ?? "");
        }

        var fee = Ledger(body, "feeLedgerAccount");
        var ledger = Ledger(body, "ledgerAccount");

        var incoming = IncomingServices.None;
        if (body.Array("incomingServices") is { } services)
        {
            foreach (var service in services)
            {
                if (service.ValueKind == JsonValueKind.String && Enum.TryParse<IncomingServices>(service.GetString(), true, out var s) && s != IncomingServices.None
                    && !service.GetString()!.Any(char.IsAsciiDigit))
                {
                    incoming |= s;
                }
                else
                {
                    body.Fail("incomingServices", $"holds names from: {nameof(IncomingServices.NetsOcr)}; found {service.GetRawText()}");
                }
            }
        }

        OrganisationNumber? organisation = null;
        if (body.String("organisationNumber", required: true) is { } orgText)
        {
            if (OrganisationNumber.TryParse(orgText, out var parsed, out var orgError))
            {
                organisation = parsed;
            }
            else
            {
                body.Fail("organisationNumber", orgError!);
            }
        }
        var company = Blank(body.String("companyName", required: true));
        if (body.Has("companyName") && company is null)
        {
            body.Fail("companyName", "the company's name (as in the payment file) must not be empty");
        }
        else if (company is { Length: > PaymentBatchBuilder.MaxCreditorNameLength })
        {
            body.Fail("companyName", $"has at most {PaymentBatchBuilder.MaxCreditorNameLength} characters, found {company.Length}");
        }
        else if (company is not null && Bankflow.Domain.Iso20022.Pain.Pain001CharacterSet.Check(company) is { } refused)
        {
            // The name goes into every payment file of this account (Dbtr/Nm, InitgPty/Nm).
            body.Fail("companyName", refused);
        }

        var dual = body.Bool("dualApprovalInBank");
        var kid = body.Bool("kidInvoicingEnabled");
        var ocr = body.Bool("ocrAgreement");

        if (body.HasErrors || organisation is null || company is null || validFrom is null)
        {
            return null;
        }
        var agreement = new BankAgreement
        {
            BankAccount = account,
            Bank = bank,
            IntegrationMode = integration,
            PayoutService = payout,
            AvtaleId = avtaleId,
            DnbDivision = division,
            NetsOcrAvtaleId = netsOcrAvtaleId,
            FeeLedgerAccount = fee,
            LedgerAccount = ledger,
            ApprovalMode = approval,
            DualApprovalInBank = dual,
            IncomingServices = incoming,
            KidInvoicingEnabled = kid,
            OcrAgreement = ocr,
            ValidFrom = validFrom.Value,
        };
        return new StoredAgreement(client, agreement, organisation, company, painVersion, now);
    }

    /// <summary>"001.001.03" / "001.001.09" (also "03"/"09", "V03"/"V09"); absent means .03, which every Norwegian bank reads.</summary>
    private static Pain001Version ReadPainVersion(JsonFields body)
    {
        var text = body.String("painVersion");
        if (text is null)
        {
            return Pain001Version.V03;
        }
        if (TryParsePainVersion(text, out var version))
        {
            return version;
        }
        body.Fail("painVersion", $"must be pain.001.001.03 or pain.001.001.09, found '{text}'");
        return Pain001Version.V03;
    }

    public static bool TryParsePainVersion(string? text, out Pain001Version version)
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        (var ok, version) = t switch
        {
            "03" or "v03" or "3" or "001.001.03" or "pain.001.001.03" => (true, Pain001Version.V03),
            "09" or "v09" or "9" or "001.001.09" or "pain.001.001.09" => (true, Pain001Version.V09),
            _ => (false, Pain001Version.V03),
        };
        return ok;
    }

    public static string WireName(Pain001Version version) => version == Pain001Version.V09 ? "pain.001.001.09" : "pain.001.001.03";

    private static LedgerAccount? Ledger(JsonFields body, string field)
    {
        if (body.String(field) is not { } text)
        {
            return null;
        }
        if (LedgerAccount.TryParse(text, out var account, out var error))
        {
            return account;
        }
        body.Fail(field, error!);
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static object ToView(StoredAgreement s)
    {
        var a = s.Agreement;
        return new
        {
            bankAccount = a.BankAccount.Value,
            bankAccountFormatted = a.BankAccount.Formatted,
            bank = a.Bank.ToString(),
            integrationMode = a.IntegrationMode.ToString(),
            payoutService = a.PayoutService.ToString(),
            avtaleId = a.AvtaleId,
            dnbDivision = a.DnbDivision is { } d ? new { name = d.Name, number = d.Number } : null,
            netsOcrAvtaleId = a.NetsOcrAvtaleId,
            feeLedgerAccount = a.FeeLedgerAccount?.Number,
            ledgerAccount = a.LedgerAccount?.Number,
            approvalMode = a.ApprovalMode.ToString(),
            requiresOnlineBankApproval = a.RequiresOnlineBankApproval,
            dualApprovalInBank = a.DualApprovalInBank,
            incomingServices = a.IncomingServices.HasFlag(IncomingServices.NetsOcr) ? new[] { nameof(IncomingServices.NetsOcr) } : [],
            kidInvoicingEnabled = a.KidInvoicingEnabled,
            ocrAgreement = a.OcrAgreement,
            validFrom = a.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            organisationNumber = s.OrganisationNumber.Value,
            companyName = s.CompanyName,
            painVersion = WireName(s.PainVersion),
            updatedAt = s.UpdatedAt,
        };
    }
}
