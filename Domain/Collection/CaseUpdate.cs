using Bankflow.Domain.Values;

namespace Bankflow.Domain.Collection;

public enum CaseUpdateKind
{
    /// <summary>A credit note reduced the invoice.</summary>
    CreditNote,

    /// <summary>The debtor paid the client directly.</summary>
    DirectPayment,

    /// <summary>The client wrote the invoice off.</summary>
    WriteOff,
}

public static class CaseUpdateKindNames
{
    public static string WireName(this CaseUpdateKind kind) => kind switch
    {
        CaseUpdateKind.CreditNote => "credit-note",
        CaseUpdateKind.DirectPayment => "direct-payment",
        _ => "write-off",
    };
}

/// <summary>A change on the client's side the agency must know of so both agree on the case's balance (amount in øre).</summary>
public sealed record CaseUpdate(string UpdateId, string InvoiceId, CaseUpdateKind Kind, Money Amount, DateOnly Date, string? CaseNumber);
