using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>
/// The bank agreement settings of one bank account of a client (Innstillinger &gt; Bankkontoer in the ERP).
/// Checked by <see cref="BankAgreementValidator"/>; nothing here validates itself, so a proposed change can
/// be represented and explained before it is rejected.
/// </summary>
public sealed record BankAgreement
{
    public required AccountNumber BankAccount { get; init; }

    public required Bank Bank { get; init; }

    public IntegrationMode IntegrationMode { get; init; } = IntegrationMode.Direct;

    public PayoutService PayoutService { get; init; } = PayoutService.BankIntegration;

    /// <summary>
    /// AvtaleID (agreement id). Handelsbanken: the company's organisation number, entered by the user.
    /// DNB: filled in by the bank when it has registered the agreement (null until then).
    /// </summary>
    public string? AvtaleId { get; init; }

    /// <summary>DNB only: Divisjonsnavn and Divisjonsnummer, filled in by DNB together with the AvtaleID.</summary>
    public DnbDivision? DnbDivision { get; init; }

    /// <summary>
    /// The AvtaleID of the account's Nets OCR agreement (under "Innbetalinger"), when the user enters it. DNB's order
    /// callback leaves it empty (seed 001: DNB has no access to it), and OCR import does not require it.
    /// </summary>
    public string? NetsOcrAvtaleId { get; init; }

    /// <summary>Konto for bankgebyr: where bank and card fees are posted (e.g. 7770 "Bank- og kortgebyr").</summary>
    public LedgerAccount? FeeLedgerAccount { get; init; }

    /// <summary>Hovedbokskonto: the ledger account this bank account is booked on; never shared with another bank account.</summary>
    public LedgerAccount? LedgerAccount { get; init; }

    public ApprovalMode ApprovalMode { get; init; } = ApprovalMode.PostApproval;

    /// <summary>Dobbel godkjenning: the agreement in the bank demands two approvers.</summary>
    public bool DualApprovalInBank { get; init; }

    public IncomingServices IncomingServices { get; init; }

    /// <summary>Fakturering med KID: the client's invoices carry a KID (set in the invoice settings).</summary>
    public bool KidInvoicingEnabled { get; init; }

    /// <summary>An OCR agreement (OCR-avtale) is ordered on the account.</summary>
    public bool OcrAgreement { get; init; }

    /// <summary>The date from which the bank agreement is valid ("avtale med gyldighet fra").</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>Whether payments from this account must be approved again in the online bank after sending.</summary>
    public bool RequiresOnlineBankApproval => ApprovalMode == ApprovalMode.PostApproval;
}
