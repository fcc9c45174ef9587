using Bankflow.Domain.Reconciliation.Postings;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Collection;

/// <summary>
/// An agency's settlement (remittering) of one case, with its remittance voucher's figures in øre: the principal it
/// collected for the invoice, the interest, its commission and its fees (salær) kept, and the net it pays the client.
/// </summary>
public sealed record AgencySettlement(string SettlementId, string InvoiceId, DateOnly Date, Money Principal, Money Interest, Money Commission, Money Fees, Money Net,
    string? PaymentReference);

/// <summary>
/// Turns a settlement into the posting proposal the client books: debit the bank or interim account the net, debit
/// commission and fees, credit the customer ledger the principal against the invoice, credit interest income the interest.
/// It balances by construction once net = principal + interest − commission − fees; a settlement whose figures do not add
/// up is refused with the figures named.
/// </summary>
public static class SettlementPosting
{
    public static (PostingProposal? Proposal, string? Refusal) Propose(AgencySettlement s, CollectionAccounts accounts, string customerId, string customerName)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(accounts);
        if (new[] { s.Principal, s.Interest, s.Commission, s.Fees, s.Net }.Any(m => m < Money.Zero))
        {
            return (null, "principal, interest, commission, fees and net are amounts in øre of 0 or more");
        }
        if (s.Principal == Money.Zero && s.Interest == Money.Zero)
        {
            return (null, "a settlement collects a principal or interest");
        }
        var expected = s.Principal + s.Interest - s.Commission - s.Fees;
        if (s.Net != expected)
        {
            return (null, $"the proposal does not balance: net {s.Net} ≠ principal {s.Principal} + interest {s.Interest} − commission {s.Commission} − fees {s.Fees} = {expected} (NOK)");
        }
        var lines = new List<PostingLine>();
        void Add(Money debit, Money credit, Bankflow.Domain.Remittance.LedgerAccount account, PostingKind kind, string text)
        {
            if (debit != Money.Zero || credit != Money.Zero)
            {
                lines.Add(new PostingLine(account, debit, credit, kind, text));
            }
        }
        Add(s.Net, Money.Zero, accounts.Bank, PostingKind.Bank, $"collection settlement {s.SettlementId}");
        Add(s.Commission, Money.Zero, accounts.Commission, PostingKind.Commission, "collection commission");
        Add(s.Fees, Money.Zero, accounts.Fees, PostingKind.CollectionFee, "collection fees (salær)");
        if (s.Principal != Money.Zero)
        {
            lines.Add(new PostingLine(accounts.Customer, Money.Zero, s.Principal, PostingKind.Customer, $"invoice {s.InvoiceId} ({customerName}) collected")
            {
                CustomerId = customerId,
                InvoiceId = s.InvoiceId,
            });
        }
        Add(Money.Zero, s.Interest, accounts.Interest, PostingKind.Interest, $"interest on invoice {s.InvoiceId}");
        var proposal = new PostingProposal("settlement-" + s.SettlementId, s.Date, lines);
        // By construction; kept as a guard so a future change that breaks it fails loudly, not in the books.
        return proposal.IsBalanced ? (proposal, null) : throw new InvalidOperationException("settlement proposal does not balance");
    }

    /// <summary>A write-off (avskrivning): debit loss on receivables, credit the customer ledger against the invoice.</summary>
    public static PostingProposal WriteOff(string invoiceId, string customerId, string customerName, Money remaining, DateOnly date, CollectionAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return new PostingProposal("write-off-" + invoiceId, date,
        [
            new PostingLine(accounts.Loss, remaining, Money.Zero, PostingKind.Loss, $"invoice {invoiceId} written off"),
            new PostingLine(accounts.Customer, Money.Zero, remaining, PostingKind.Customer, $"invoice {invoiceId} ({customerName}) written off")
            {
                CustomerId = customerId,
                InvoiceId = invoiceId,
            },
        ]);
    }
}
