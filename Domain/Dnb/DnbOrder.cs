using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Dnb;

/// <summary>
/// One account of a DNB order: the services ordered on it and, for an account whose agreement is already registered,
/// the RgB late order (etterbestilling of accounting-approved payments).
/// </summary>
/// <param name="Account">The DNB account; its agreement settings must exist in Bankflow first.</param>
/// <param name="Services">What is ordered; may be none only for a pure RgB late order.</param>
/// <param name="AccountingApprovedPayments">RgB: payments authorised in Bankflow with BankID instead of approved again in the online bank.</param>
public sealed record DnbOrderLine(AccountNumber Account, DnbServices Services, bool AccountingApprovedPayments = false);

/// <summary>
/// What the accountant asks DNB for in "Koble til tjeneste" (seed 001): accounts and services, the ledger account for
/// bank fees ("legg inn konto for bankgebyr (eks. 7770)"), and, when OCR is ordered, the client's KID setup, which the
/// bank's OCR agreement must match.
/// </summary>
public sealed record DnbOrderRequest(IReadOnlyList<DnbOrderLine> Lines, LedgerAccount FeeLedgerAccount, KidSetup? ClientKidSetup)
{
    public bool OrdersOcr => Lines.Any(l => l.Services.HasFlag(DnbServices.Ocr));
}
