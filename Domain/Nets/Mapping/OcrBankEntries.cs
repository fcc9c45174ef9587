using System.Globalization;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets.Mapping;

/// <summary>
/// OCR giro transactions as <see cref="BankEntry"/>: the money came in on the assignment's account on the
/// Nets date. Pure; the caller maps only files without errors.
/// </summary>
public static class OcrBankEntries
{
    public const string Currency = "NOK";

    /// <summary>
    /// Stable id: "ocr:{transmission}:{assignment}:{transaction}" (numbers without leading zeros). The same
    /// file read again gives the same ids; the transmission number is unique per data recipient.
    /// </summary>
    public static string EntryId(int transmissionNumber, int assignmentNumber, int transactionNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"ocr:{transmissionNumber}:{assignmentNumber}:{transactionNumber}");

    /// <summary>For streaming import: one transaction as the reader hands it over, with its transmission and assignment start records.</summary>
    public static BankEntry ToBankEntry(in TransmissionStartRecord transmission, in AssignmentStartRecord assignment, in OcrTransactionRecords transaction) =>
        ToBankEntry(transmission.TransmissionNumber, assignment.AccountText, new OcrTransaction(transaction));

    public static BankEntry ToBankEntry(int transmissionNumber, string assignmentAccount, OcrTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var date = transaction.NetsDate
            ?? throw new ArgumentException($"transaction {transaction.TransactionNumber} has no Nets date: map only files without errors", nameof(transaction));
        // Type 15 is a direct debit collected through AvtaleGiro, reported in the OCR file.
        var channel = transaction.TransactionType == OcrTransactionType.AvtaleGiro ? BankChannel.AvtaleGiro : BankChannel.OcrGiro;
        return new BankEntry(
            EntryId(transmissionNumber, transaction.AssignmentNumber, transaction.TransactionNumber),
            channel,
            assignmentAccount,
            date,
            transaction.Amount,
            Currency)
        {
            Kid = transaction.Kid,
            CounterpartyAccount = transaction.DebitAccount,
            ArchiveReference = transaction.ArchiveReference,
            Text = transaction.FreeText,
        };
    }

    /// <summary>Every OCR transaction of a loaded document, in file order (AvtaleGiro claims and agreements are not bank entries).</summary>
    public static IReadOnlyList<BankEntry> Map(NetsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var entries = new List<BankEntry>();
        foreach (var assignment in document.Transmission.Assignments)
        {
            foreach (var transaction in assignment.Transactions)
            {
                entries.Add(ToBankEntry(document.Transmission.TransmissionNumber, assignment.Account, transaction));
            }
        }
        return entries;
    }
}
