using System.Collections;

namespace Bankflow.Domain.Banking;

/// <summary>
/// A structured creditor reference as the bank gave it (camt RmtInf/Strd/CdtrRefInf): a KID, an ISO 11649
/// "RF…" reference, a Swiss QR reference, a Finnish reference, … Kept with its type whatever the type, so a
/// reference of a type Bankflow does not interpret is never lost.
/// </summary>
/// <param name="Type">Tp/CdOrPrtry/Cd (ISO code, e.g. SCOR) or Tp/CdOrPrtry/Prtry (the bank's own, e.g. QRR); null without a type.</param>
/// <param name="IsProprietaryType">True when <paramref name="Type"/> came from Prtry: a bank's code, not an ISO one.</param>
/// <param name="Issuer">Tp/Issr (e.g. "ISO" for an RF reference), when given.</param>
public sealed record CreditorReference(string Reference, string? Type, bool IsProprietaryType = false, string? Issuer = null)
{
    /// <summary>ISO type code of a creditor reference (ISO 11649 and the Norwegian KID alike).</summary>
    public const string Scor = "SCOR";

    /// <summary>True for the reference that plays the KID role: type SCOR (also written as Prtry by some banks), or no type at all.</summary>
    public bool IsScorOrUntyped => Type is null or Scor;
}

/// <summary>
/// The structured references of one transaction, in file order. A list with value equality, so that records
/// holding one (<see cref="BankEntry"/>) compare by content, as every other field of theirs does.
/// </summary>
public sealed class CreditorReferenceList(IReadOnlyList<CreditorReference> references) : IReadOnlyList<CreditorReference>, IEquatable<CreditorReferenceList>
{
    public static CreditorReferenceList Empty { get; } = new([]);

    public int Count => references.Count;

    public CreditorReference this[int index] => references[index];

    /// <summary>The reference in the KID role: the first of type SCOR or without a type; null when none.</summary>
    public CreditorReference? Scor
    {
        get
        {
            for (var i = 0; i < references.Count; i++)
            {
                if (references[i].IsScorOrUntyped)
                {
                    return references[i];
                }
            }
            return null;
        }
    }

    /// <summary>The reference to show when only one is shown: the SCOR (or untyped) one, else the first of any type.</summary>
    public CreditorReference? Primary => Scor ?? (references.Count > 0 ? references[0] : null);

    public IEnumerator<CreditorReference> GetEnumerator() => references.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(CreditorReferenceList? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }
        for (var i = 0; i < Count; i++)
        {
            if (!references[i].Equals(other[i]))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as CreditorReferenceList);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var reference in references)
        {
            hash.Add(reference);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", references.Select(r => r.Type is null ? r.Reference : $"{r.Type}:{r.Reference}"));
}
