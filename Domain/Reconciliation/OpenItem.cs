using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>
/// An invoice or credit note in the customer ledger (kundereskontro) that a payment may settle.
/// </summary>
/// <param name="InvoiceId">The ERP's id of the invoice: the key of an open item within a client (unique).</param>
/// <param name="CustomerId">The ERP's customer number; the customer ledger is kept per customer.</param>
/// <param name="InvoiceNumber">The number printed on the invoice (what a payer writes in the message), when it has one.</param>
/// <param name="Kid">The KID printed on the invoice, when it has one. Only a KID with a valid MOD10 or MOD11 check digit is matched on.</param>
/// <param name="Amount">The invoice total in øre; negative for a credit note (kreditnota).</param>
public sealed record OpenItem(
    ClientId Client,
    string InvoiceId,
    string CustomerId,
    string CustomerName,
    string? InvoiceNumber,
    string? Kid,
    Money Amount,
    string Currency,
    DateOnly InvoiceDate,
    DateOnly DueDate);
