using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets.Reading;

/// <summary>One OCR giro transaction: amount items 1 and 2, and 3 for types 20/21.</summary>
/// <param name="Line">Line of amount item 1.</param>
/// <param name="KidCheck">Which check-digit algorithms the KID satisfies; None when there is no KID or it fails both.</param>
public readonly record struct OcrTransactionRecords(
    int AssignmentNumber,
    int Line,
    AmountItem1Record Item1,
    AmountItem2Record Item2,
    AmountItem3Record? Item3,
    KidCheck KidCheck);

/// <summary>One AvtaleGiro claim or cancellation: items 1 and 2 (specification records follow separately).</summary>
/// <param name="Item2">Null only for a cancellation sent with its item 1 alone, which the AvtaleGiro specification allows.</param>
public readonly record struct ClaimRecords(int AssignmentNumber, int Line, ClaimItem1Record Item1, ClaimItem2Record? Item2, KidCheck KidCheck);

/// <summary>
/// Receives a Nets file as it is read, in file order. Every method has an empty default, so a visitor
/// implements only what it needs. Records arrive even when they carry errors (the diagnostics say so);
/// a file with any error must not be imported.
/// </summary>
public interface INetsVisitor
{
    void TransmissionStart(in TransmissionStartRecord record, int line)
    {
    }

    void AssignmentStart(in AssignmentStartRecord record, int line)
    {
    }

    void Transaction(in OcrTransactionRecords transaction)
    {
    }

    void Claim(in ClaimRecords claim)
    {
    }

    void Specification(in SpecificationRecord record, int assignmentNumber, int line)
    {
    }

    void Agreement(in AgreementRecord record, int assignmentNumber, int line)
    {
    }

    void AssignmentEnd(in AssignmentEndRecord record, int assignmentNumber, int line)
    {
    }

    void TransmissionEnd(in TransmissionEndRecord record, int line)
    {
    }
}
