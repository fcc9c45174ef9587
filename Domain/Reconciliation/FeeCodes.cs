namespace Bankflow.Domain.Reconciliation;

/// <summary>
/// Tells a bank fee by its ISO 20022 bank transaction code: family or sub-family CHRG ("Charges"), e.g.
/// ACMT/MDOP/CHRG, PMNT/MDOP/CHRG, PMNT/RCDT/CHRG, or */CHRG/*; or a movement the bank marks as a charge.
/// </summary>
public static class FeeCodes
{
    public const string Charges = "CHRG";

    public static bool IsFee(BankMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        return movement.IsChargeMarked || IsChargeCode(movement.BankTransactionCode);
    }

    public static bool IsChargeCode(string? code)
    {
        if (code is null)
        {
            return false;
        }
        var parts = code.Split('/');
        return parts.Length == 3 && (parts[1] == Charges || parts[2] == Charges);
    }
}
