using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Postings;

public enum PostingKind
{
    /// <summary>The bank account's ledger account.</summary>
    Bank,

    /// <summary>Customer ledger: an invoice paid (or a credit note offset).</summary>
    Customer,

    /// <summary>Customer ledger: paid beyond what was open, kept on the customer for later.</summary>
    UnappliedCredit,

    Fee,

    /// <summary>Supplier ledger: a payment the client sent.</summary>
    Supplier,

    /// <summary>Interest income a collection agency collected on an invoice (8055).</summary>
    Interest,

    /// <summary>A collection agency's commission (6790).</summary>
    Commission,

    /// <summary>Collection fees, salær (7790).</summary>
    CollectionFee,

    /// <summary>An invoice written off as a loss on receivables (7830).</summary>
    Loss,
}

/// <summary>One line of a posting proposal (konteringsforslag): exactly one of debit and credit is non-zero.</summary>
public sealed record PostingLine(LedgerAccount Account, Money Debit, Money Credit, PostingKind Kind, string Text)
{
    public string? CustomerId { get; init; }

    public string? InvoiceId { get; init; }
}
