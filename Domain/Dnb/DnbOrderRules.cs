using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Dnb;

/// <summary>
/// The rules of a DNB order (seed 001, "Bestilling av tjenester" and "Etterbestilling av RgB"). Pure: the client's
/// registered bank accounts (their agreement settings) are passed in. One error per cause, so the accountant sees
/// everything to fix at once; field names are the request's JSON paths (<c>accounts[1].services</c>).
/// </summary>
public static class DnbOrderRules
{
    /// <summary>
    /// Seed 001: "Regnskapsførere kan bestille kontofullmakt for inntil 6 kontoer samtidig" — the bank's limit for an
    /// accountant's account-authority order, which the wizard's first step offers for the ordered accounts.
    /// </summary>
    public const int MaxAccounts = 6;

    /// <param name="request">The order.</param>
    /// <param name="registered">The client's bank accounts' agreement settings (what "registered on the client" means).</param>
    public static IReadOnlyList<FieldIssue> Validate(DnbOrderRequest request, IReadOnlyCollection<BankAgreement> registered)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(registered);
        var errors = new List<FieldIssue>();
        if (request.Lines.Count == 0)
        {
            errors.Add(new FieldIssue("accounts", "order services on at least one DNB account"));
        }
        else if (request.Lines.Count > MaxAccounts)
        {
            errors.Add(new FieldIssue("accounts",
                $"at most {MaxAccounts} accounts per order (DNB's limit for an accountant's account authority order), found {request.Lines.Count}: split the order"));
        }

        var byAccount = registered.GroupBy(a => a.BankAccount).ToDictionary(g => g.Key, g => g.First());
        var seen = new HashSet<AccountNumber>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var field = $"accounts[{i}]";
            if (!seen.Add(line.Account))
            {
                errors.Add(new FieldIssue(field + ".accountNumber", $"account {line.Account.Formatted} is in the order twice"));
                continue;
            }
            if (!DnbBankCodes.IsDnb(line.Account))
            {
                errors.Add(new FieldIssue(field + ".accountNumber",
                    $"{line.Account.Formatted} is not a DNB account: bank code {DnbBankCodes.BankCode(line.Account):D4} belongs to another bank"));
            }
            byAccount.TryGetValue(line.Account, out var agreement);
            if (agreement is null)
            {
                // Seed 001: "Før du bestiller tjenester på DNB-bankkontoer, må selskapets DNB-bankkontoer ha blitt opprettet på forhånd".
                errors.Add(new FieldIssue(field + ".accountNumber",
                    $"{line.Account.Formatted} is not registered on this client: create the bank account (its agreement settings) before ordering services on it"));
            }
            if (line.Services == DnbServices.None && !line.AccountingApprovedPayments)
            {
                errors.Add(new FieldIssue(field + ".services",
                    $"choose at least one service ({string.Join(", ", DnbServiceNames.All)}) or the RgB late order"));
            }
            if (agreement is not null && line.Services.HasFlag(DnbServices.Ocr))
            {
                CheckOcr(line, agreement, field, errors);
            }
            if (agreement is not null && line.AccountingApprovedPayments)
            {
                CheckRgb(line, agreement, field, errors);
            }
        }

        if (request.OrdersOcr && request.ClientKidSetup is null)
        {
            errors.Add(new FieldIssue("kidSetup", "is required when OCR is ordered: the length and check digit (MOD10 or MOD11) of the client's KIDs"));
        }
        return errors;
    }

    private static void CheckOcr(DnbOrderLine line, BankAgreement agreement, string field, List<FieldIssue> errors)
    {
        // Seed 001: "Ved bestilling av OCR-avtale, må du på forhånd ha aktivert fakturering med KID i fakturainnstillingene.
        // Og for at man skal kunne aktivere KID, må «Nets Ocr» være registrert under «Innbetalinger» på aktuell bankkonto."
        if (!agreement.KidInvoicingEnabled)
        {
            errors.Add(new FieldIssue(field + ".services",
                $"OCR on {line.Account.Formatted} needs invoicing with KID (fakturering med KID) active first"));
        }
        if (!agreement.IncomingServices.HasFlag(IncomingServices.NetsOcr))
        {
            errors.Add(new FieldIssue(field + ".services",
                $"OCR on {line.Account.Formatted} needs «Nets Ocr» registered under incoming payments (innbetalinger) on that account first"));
        }
    }

    private static void CheckRgb(DnbOrderLine line, BankAgreement agreement, string field, List<FieldIssue> errors)
    {
        var rgb = field + ".accountingApprovedPayments";
        // Seed 001: "Er avtale i banken satt opp med dobbel godkjenning, kan ikke dette kombineres med regnskapsgodkjente
        // betalinger" — the rule BankAgreementValidator enforces on the settings, applied before ordering.
        if (agreement.DualApprovalInBank)
        {
            errors.Add(new FieldIssue(rgb,
                $"the bank agreement of {line.Account.Formatted} has dual approval (dobbel godkjenning), which cannot be combined with accounting-approved payments (RgB); "
                + "keep post-approval in the online bank, where both approvals happen"));
        }
        // Seed 001: "For de som har en eksisterende integrasjonsavtale med ettergodkjenning i nettbank, er det mulig å
        // etterbestille regnskapsgodkjente betalinger på avtalen."
        if (agreement.Bank != Bank.Dnb || string.IsNullOrWhiteSpace(agreement.AvtaleId))
        {
            errors.Add(new FieldIssue(rgb,
                $"RgB is a late order on an existing DNB integration agreement; {line.Account.Formatted} has none registered yet (no AvtaleID): order the services first"));
        }
        else if (agreement.ApprovalMode == ApprovalMode.AccountingApproved)
        {
            errors.Add(new FieldIssue(rgb, $"{line.Account.Formatted} already uses accounting-approved payments (RgB)"));
        }
        if (agreement.PayoutService == PayoutService.None && !line.Services.HasFlag(DnbServices.Remittance))
        {
            errors.Add(new FieldIssue(rgb, $"RgB approves payments, and {line.Account.Formatted} sends none (no payout service)"));
        }
    }
}
