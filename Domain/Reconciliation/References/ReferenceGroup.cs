namespace Bankflow.Domain.Reconciliation.References;

/// <summary>Where the references of a payment were found; decides how they are looked up.</summary>
public enum ReferenceKind
{
    /// <summary>Structured (camt CdtrRefInf other than the KID): machine-copied, looked up as invoice numbers.</summary>
    Structured,

    /// <summary>A valid ISO 11649 RF reference (structured or in the text): its body is looked up as an invoice number.</summary>
    CreditorReference,

    /// <summary>Numbers after an invoice word in the text ("Faktura 10045", "fakt.nr 10045/10046", "inv 10045").</summary>
    InvoiceText,

    /// <summary>Numbers after "KID" in the text (a KID written in the message instead of the KID field).</summary>
    KidText,

    /// <summary>A message that is nothing but numbers ("10045", "10045/10046"): an invoice number or a KID.</summary>
    BareNumbers,
}

/// <summary>The references one payment gives, of one kind.</summary>
/// <param name="Values">As written (digits keep their leading zeros; KIDs are exact).</param>
/// <param name="Written">The text or reference they were read from, for the explanation.</param>
public sealed record ReferenceGroup(ReferenceKind Kind, IReadOnlyList<string> Values, string Written)
{
    /// <summary>Typed by a person, so a typing slip is possible: a neighbouring number must be ruled out.</summary>
    public bool IsTyped => Kind is ReferenceKind.InvoiceText or ReferenceKind.KidText or ReferenceKind.BareNumbers;
}
