namespace Bankflow.Domain.Reconciliation;

/// <summary>A bank account a customer is known to pay from (from the ERP's customer card or earlier confirmed payments).</summary>
public sealed record KnownPayerAccount(string Account, string CustomerId);

/// <summary>
/// The client's KID layout when its KIDs begin with the customer number: the first <paramref name="Length"/>
/// digits name the customer (leading zeros ignored on both sides). Lets a payment whose KID is no open item's
/// (an old or mistyped invoice) still be tied to its customer.
/// </summary>
public sealed record KidCustomerPrefix(int Length)
{
    /// <summary>The customer number the KID starts with, without leading zeros; null when the KID is too short.</summary>
    public string? CustomerOf(string kid)
    {
        ArgumentNullException.ThrowIfNull(kid);
        // The check digit is never part of the prefix.
        if (Length < 1 || kid.Length <= Length)
        {
            return null;
        }
        var prefix = kid.AsSpan(0, Length).TrimStart('0');
        return prefix.IsEmpty ? null : prefix.ToString();
    }
}
