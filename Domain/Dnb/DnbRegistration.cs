using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Dnb;

/// <summary>What DNB reports for one account when it has registered the agreement.</summary>
/// <param name="Account">The account.</param>
/// <param name="AvtaleId">The agreement id DNB gave it.</param>
/// <param name="Division">Divisjonsnavn and divisjonsnummer.</param>
/// <param name="OcrKidSetup">The KID setup of the OCR agreement DNB registered (when OCR was ordered).</param>
public sealed record DnbRegisteredAccount(AccountNumber Account, string AvtaleId, DnbDivision Division, KidSetup? OcrKidSetup);

/// <summary>An account's agreement after the callback, with what went wrong that the client must act on.</summary>
/// <param name="Agreement">The settings to save.</param>
/// <param name="KidMismatch">Why the OCR agreement's KID setup does not fit the client's, and what to change; null when it fits.</param>
/// <param name="RgbRefusal">Why accounting-approved payments were not switched on; null when not ordered or switched on.</param>
public sealed record DnbAccountOutcome(BankAgreement Agreement, string? KidMismatch, string? RgbRefusal);

/// <summary>
/// Applies DNB's registration to an account's agreement settings (seed 001: "de aktuelle kontoene har fått automatisk
/// utfylt AvtaleID, Divisjonsnavn og Divisjonsnummer"). Pure.
/// </summary>
public static class DnbRegistration
{
    public static DnbAccountOutcome Apply(BankAgreement current, DnbOrderLine line, LedgerAccount feeLedgerAccount, DnbRegisteredAccount registered, KidSetup? clientKidSetup)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(feeLedgerAccount);
        ArgumentNullException.ThrowIfNull(registered);
        var updated = current with
        {
            Bank = Bank.Dnb,
            IntegrationMode = IntegrationMode.Direct,
            AvtaleId = registered.AvtaleId,
            DnbDivision = registered.Division,
            // Seed 001: "AvtaleID for Nets OCR fylles ikke ut automatisk, fordi DNB ikke har tilgang til denne verdien":
            // NetsOcrAvtaleId is left as it is (empty for a new account), and OCR import does not require it.
        };
        if (line.Services != DnbServices.None)
        {
            updated = updated with { FeeLedgerAccount = feeLedgerAccount };
        }
        if (line.Services.HasFlag(DnbServices.Remittance) && updated.PayoutService != PayoutService.BankIntegration)
        {
            updated = updated with { PayoutService = PayoutService.BankIntegration };
        }
        string? kidMismatch = null;
        if (line.Services.HasFlag(DnbServices.Ocr))
        {
            updated = updated with { OcrAgreement = true };
            kidMismatch = KidMismatch(line.Account, clientKidSetup, registered.OcrKidSetup);
        }
        string? rgbRefusal = null;
        if (line.AccountingApprovedPayments)
        {
            if (updated.DualApprovalInBank)
            {
                // Checked when ordering too; the settings may have changed while DNB processed the order.
                rgbRefusal = $"DNB registered accounting-approved payments (RgB) for {line.Account.Formatted}, but its bank agreement now has dual approval "
                             + "(dobbel godkjenning), which cannot be combined with RgB: payments stay post-approved in the online bank";
            }
            else
            {
                updated = updated with { ApprovalMode = ApprovalMode.AccountingApproved };
            }
        }
        return new DnbAccountOutcome(updated, kidMismatch, rgbRefusal);
    }

    /// <summary>Null when the two setups agree (or one is unknown); otherwise what differs and what to change.</summary>
    public static string? KidMismatch(AccountNumber account, KidSetup? client, KidSetup? bank)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (client is null || bank is null || client == bank)
        {
            return null;
        }
        var differs = new List<string>();
        if (client.Length != bank.Length)
        {
            differs.Add($"length {bank.Length} at DNB, {client.Length} in the invoice settings");
        }
        if (client.Check != bank.Check)
        {
            differs.Add($"check digit {KidSetup.CheckName(bank.Check).ToUpperInvariant()} at DNB, {KidSetup.CheckName(client.Check).ToUpperInvariant()} in the invoice settings");
        }
        return $"The OCR agreement DNB registered for {account.Formatted} expects KIDs of {bank}, but the client's invoices carry KIDs of {client} "
               + $"({string.Join("; ", differs)}). Payments with KIDs that do not fit the OCR agreement are refused: change the KID setup in the invoice settings to {bank}, "
               + $"or ask DNB to change the OCR agreement to {client}.";
    }
}
