namespace Bankflow.Domain.Remittance;

/// <summary>
/// One payment as the ERP asks for it, unvalidated (texts as received). <see cref="PaymentBatchBuilder"/>
/// checks every field and turns a fully valid list into a <see cref="PaymentBatch"/>.
/// </summary>
/// <param name="EndToEndId">The payer's reference for this payment, echoed by the bank in pain.002 and camt.054 (1–35 characters, unique per client).</param>
/// <param name="DebtorAccount">The client's account to debit (11-digit kontonummer); it needs a bank agreement.</param>
/// <param name="CreditorName">The payee's name (1–70 characters).</param>
/// <param name="CreditorAccount">The payee's kontonummer (11 digits, MOD11) or IBAN (mod 97).</param>
/// <param name="Amount">The amount in kroner (NOK), at most two decimals: 1234.50 is 1 234 kroner 50 øre.</param>
/// <param name="RequestedExecutionDate">The date the bank shall debit the account: a Norwegian banking day, not before today.</param>
/// <param name="Kid">KID for the payee (valid MOD10 or MOD11 check digit); excludes <paramref name="Text"/> and <paramref name="InvoiceNumber"/>.</param>
/// <param name="Text">Free-text message to the payee (at most 140 characters).</param>
/// <param name="InvoiceNumber">The payee's invoice number (at most 35 characters), sent as a structured CINV reference.</param>
public sealed record PaymentInstruction(
    string? EndToEndId,
    string? DebtorAccount,
    string? CreditorName,
    string? CreditorAccount,
    decimal Amount,
    DateOnly RequestedExecutionDate,
    string? Kid = null,
    string? Text = null,
    string? InvoiceNumber = null);
