using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>
/// The rules of seeds 000 (Handelsbanken), 001 (DNB) and 002 (Sbanken) for a bank account's agreement
/// settings. Pure: the client's organisation number and its other bank accounts are passed in.
/// Field names are the camelCase property names of <see cref="BankAgreement"/>.
/// </summary>
public static class BankAgreementValidator
{
    /// <summary>
    /// Handelsbanken demands post-approval in the online bank for agreements valid from this date
    /// (seed 000: "begrenset til nye avtaler med gyldighet fra 6. desember 2019").
    /// </summary>
    public static readonly DateOnly HandelsbankenPostApprovalFrom = new(2019, 12, 6);

    /// <param name="agreement">The proposed settings.</param>
    /// <param name="clientOrganisation">The client company's organisation number (Handelsbanken's AvtaleID).</param>
    /// <param name="otherAgreements">The client's other bank accounts' agreements (the account being changed may be among them; it is skipped).</param>
    public static AgreementValidation Validate(
        BankAgreement agreement,
        OrganisationNumber clientOrganisation,
        IReadOnlyCollection<BankAgreement> otherAgreements)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(clientOrganisation);
        ArgumentNullException.ThrowIfNull(otherAgreements);
        var errors = new List<FieldIssue>();
        var notes = new List<FieldIssue>();

        // Seeds 000 and 001: "Er avtale i banken satt opp med dobbel godkjenning, kan ikke dette kombineres
        // med regnskapsgodkjente betalinger ... Bankkonto ... må da settes opp med ettergodkjenning i nettbank".
        if (agreement.DualApprovalInBank && agreement.ApprovalMode == ApprovalMode.AccountingApproved)
        {
            errors.Add(new FieldIssue("approvalMode",
                "dual approval in the bank (dobbel godkjenning) cannot be combined with accounting-approved payments (RgB); "
                + "choose post-approval in the online bank (ettergodkjenning i nettbank), where both approvals happen"));
        }

        if (agreement.Bank == Bank.Handelsbanken)
        {
            CheckHandelsbanken(agreement, clientOrganisation, errors);
        }
        else if (agreement.Bank == Bank.Dnb)
        {
            CheckDnb(agreement, errors, notes);
        }

        if (agreement.PayoutService != PayoutService.None && agreement.FeeLedgerAccount is null)
        {
            // Seed 000: "Fyll inn konto for bank- og kortgebyr"; seed 001: "legg inn konto for bankgebyr (eks. 7770)".
            errors.Add(new FieldIssue("feeLedgerAccount", "the ledger account for bank fees (konto for bankgebyr, e.g. 7770) is required"));
        }

        CheckLedgerAccount(agreement, otherAgreements, errors);
        CheckOcr(agreement, notes);
        return new AgreementValidation(errors, notes);
    }

    private static void CheckHandelsbanken(BankAgreement agreement, OrganisationNumber clientOrganisation, List<FieldIssue> errors)
    {
        // Seed 000: "legg inn bedriftens organisasjonsnummer som AvtaleID".
        var avtaleId = agreement.AvtaleId?.Replace(" ", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(avtaleId))
        {
            errors.Add(new FieldIssue("avtaleId", $"Handelsbanken's AvtaleID is the company's organisation number ({clientOrganisation.Value}); it is missing"));
        }
        else if (avtaleId != clientOrganisation.Value)
        {
            errors.Add(new FieldIssue("avtaleId", $"Handelsbanken's AvtaleID must be the company's organisation number {clientOrganisation.Value}, found '{agreement.AvtaleId}'"));
        }

        if (agreement.ValidFrom >= HandelsbankenPostApprovalFrom)
        {
            // Seed 000: "krav til ettergodkjenning av alle betalinger ... I første omgang er dette begrenset
            // til nye avtaler med gyldighet fra 6. desember 2019." Older agreements "vil fungere som normalt".
            if (agreement.ApprovalMode != ApprovalMode.PostApproval)
            {
                errors.Add(new FieldIssue("approvalMode",
                    $"a Handelsbanken agreement valid from {agreement.ValidFrom:yyyy-MM-dd} requires post-approval of all payments in the online bank "
                    + "(ettergodkjenning i Nettbedriften, for agreements valid from 2019-12-06)"));
            }
            // Seed 000: "Nets Direkte remittering omfattes av samme lovkrav, og bestilling av denne tjenesten
            // på konto i Handelsbanken, vil ikke lenger være mulig fra samme dato."
            if (agreement.PayoutService == PayoutService.NetsDirectRemittance)
            {
                errors.Add(new FieldIssue("payoutService",
                    "Nets Direkte remittering cannot be ordered on a Handelsbanken account for agreements valid from 2019-12-06"));
            }
        }
    }

    private static void CheckDnb(BankAgreement agreement, List<FieldIssue> errors, List<FieldIssue> notes)
    {
        // Seed 001: the accounts "har fått automatisk utfylt AvtaleID, Divisjonsnavn og Divisjonsnummer" when
        // DNB has registered the agreement: the three come together, from the bank.
        var hasId = !string.IsNullOrWhiteSpace(agreement.AvtaleId);
        var hasDivision = agreement.DnbDivision is { } d && !string.IsNullOrWhiteSpace(d.Name) && !string.IsNullOrWhiteSpace(d.Number);
        if (hasId != hasDivision)
        {
            errors.Add(new FieldIssue(hasId ? "dnbDivision" : "avtaleId",
                "DNB fills in AvtaleID, division name and division number together when it registers the agreement; all three or none"));
        }
        else if (!hasId && agreement.PayoutService != PayoutService.None)
        {
            notes.Add(new FieldIssue("avtaleId", "DNB has not registered the agreement yet (no AvtaleID); payments cannot be sent until it has"));
        }
    }

    /// <summary>The error when <paramref name="ledger"/> is already the ledger account of bank account <paramref name="holder"/>.</summary>
    public static FieldIssue LedgerAccountInUse(LedgerAccount ledger, AccountNumber holder)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(holder);
        return new FieldIssue("ledgerAccount",
            $"ledger account {ledger.Number} is already used by bank account {holder.Formatted}; two bank accounts must never share a ledger account (hovedbokskonto)");
    }

    private static void CheckLedgerAccount(BankAgreement agreement, IReadOnlyCollection<BankAgreement> others, List<FieldIssue> errors)
    {
        if (agreement.LedgerAccount is null)
        {
            errors.Add(new FieldIssue("ledgerAccount", "each bank account must map to exactly one ledger account (hovedbokskonto); none is set"));
            return;
        }
        foreach (var other in others)
        {
            if (other.BankAccount == agreement.BankAccount)
            {
                continue;
            }
            // Seed 002: "Pass på at du ikke legger samme hovedbokskonto på flere bankkontoer. Dette vil skape
            // rot i regnskapet og bankavstemmingen kan potensielt kræsje."
            if (other.LedgerAccount == agreement.LedgerAccount)
            {
                errors.Add(LedgerAccountInUse(agreement.LedgerAccount, other.BankAccount));
            }
        }
        if (agreement.FeeLedgerAccount == agreement.LedgerAccount)
        {
            errors.Add(new FieldIssue("feeLedgerAccount", "the fee account cannot be the bank account's own ledger account"));
        }
    }

    private static void CheckOcr(BankAgreement agreement, List<FieldIssue> notes)
    {
        // Seed 001: "Ved bestilling av OCR-avtale, må du på forhånd ha aktivert fakturering med KID ... Og for at man
        // skal kunne aktivere KID, må «Nets Ocr» være registrert under «Innbetalinger» ... Ved mismatch ... vil man
        // få en feilmelding i varslingscenteret" — DNB reports it afterwards, so these are notifications.
        if (agreement.OcrAgreement && !agreement.KidInvoicingEnabled)
        {
            notes.Add(new FieldIssue("kidInvoicingEnabled", "an OCR agreement needs invoicing with KID (fakturering med KID) enabled"));
        }
        if ((agreement.OcrAgreement || agreement.KidInvoicingEnabled) && !agreement.IncomingServices.HasFlag(IncomingServices.NetsOcr))
        {
            notes.Add(new FieldIssue("incomingServices", "KID invoicing and OCR need «Nets Ocr» registered under incoming payments (innbetalinger)"));
        }
    }
}
