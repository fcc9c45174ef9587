using Bankflow.Domain.Diagnostics;

namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>A read pain.001 (ours or anyone's): what <c>bankflow parse</c> shows and what a check of a written file needs.</summary>
public sealed record Pain001Document
{
    public string? Version { get; init; }

    public string? Namespace { get; init; }

    public string? MessageId { get; init; }

    public string? CreationDateTime { get; init; }

    public int? NumberOfTransactions { get; init; }

    public decimal? ControlSum { get; init; }

    public string? InitiatingPartyName { get; init; }

    public IReadOnlyList<Pain001PaymentInformation> PaymentInformations { get; init; } = [];
}

public sealed record Pain001PaymentInformation
{
    public string? PaymentInformationId { get; init; }

    public string? PaymentMethod { get; init; }

    public int? NumberOfTransactions { get; init; }

    public decimal? ControlSum { get; init; }

    /// <summary>ReqdExctnDt (.03) or ReqdExctnDt/Dt (.09), as written.</summary>
    public string? RequestedExecutionDate { get; init; }

    public string? DebtorName { get; init; }

    /// <summary>DbtrAcct/Id/IBAN or DbtrAcct/Id/Othr/Id.</summary>
    public string? DebtorAccount { get; init; }

    public IReadOnlyList<Pain001Transaction> Transactions { get; init; } = [];
}

public sealed record Pain001Transaction
{
    public string? InstructionId { get; init; }

    public string? EndToEndId { get; init; }

    /// <summary>InstdAmt as a decimal in the currency's units.</summary>
    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? CreditorName { get; init; }

    /// <summary>CdtrAcct/Id/IBAN or CdtrAcct/Id/Othr/Id.</summary>
    public string? CreditorAccount { get; init; }

    /// <summary>The structured creditor reference (CdtrRefInf/Ref), a KID in Norway.</summary>
    public string? CreditorReference { get; init; }

    /// <summary>The Ustrd lines, joined with a space.</summary>
    public string? Text { get; init; }

    /// <summary>RfrdDocInf/Nb.</summary>
    public string? InvoiceNumber { get; init; }
}

public sealed record Pain001ReadResult(Pain001Document? Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Document is null || Diagnostics.Any(d => d.Severity == Severity.Error);
}
