namespace Bankflow.Domain.Nets;

/// <summary>Positions 3–4 of every record: which Nets service the record belongs to.</summary>
public enum NetsServiceCode
{
    /// <summary>"00": transmission start and end.</summary>
    None = 0,

    /// <summary>"09": OCR giro (incoming payments with KID).</summary>
    OcrGiro = 9,

    /// <summary>"21": AvtaleGiro (direct debit: payment claims to Nets, agreements from Nets).</summary>
    AvtaleGiro = 21,
}

/// <summary>Positions 7–8: the kind of record.</summary>
public enum NetsRecordType
{
    TransmissionStart = 10,
    AssignmentStart = 20,
    AmountItem1 = 30,
    AmountItem2 = 31,
    AmountItem3 = 32,

    /// <summary>AvtaleGiro notification text for the payer (spesifikasjonsrecord).</summary>
    Specification = 49,

    /// <summary>AvtaleGiro agreement (avtalerecord), from Nets.</summary>
    Agreement = 70,
    AssignmentEnd = 88,
    TransmissionEnd = 89,
}

/// <summary>Positions 5–6 of an AvtaleGiro assignment start/end: what the assignment holds.</summary>
public enum AvtaleGiroAssignmentType
{
    /// <summary>"00": payment claims (to Nets).</summary>
    PaymentClaims = 0,

    /// <summary>"24": agreement updates (from Nets).</summary>
    Agreements = 24,

    /// <summary>"36": cancellation requests (sletteanmodning, to Nets).</summary>
    Cancellations = 36,
}
