using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>Tells a KID from other structured references (ISO 11649 "RF…", Swiss ISR, free text).</summary>
public static class CamtKid
{
    /// <summary>The reference when it has the shape of a KID (2–25 digits, '-' only last), else null. Check digits are not required.</summary>
    public static string? From(string? structuredReference) =>
        structuredReference is not null && Kid.IsWellFormed(structuredReference, out _) ? structuredReference : null;
}
