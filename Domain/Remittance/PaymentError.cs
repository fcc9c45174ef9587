namespace Bankflow.Domain.Remittance;

/// <summary>Why one payment instruction was refused: its 0-based position in the request, its end-to-end id as given, the field and the reason.</summary>
public sealed record PaymentError(int Index, string? EndToEndId, string Field, string Reason)
{
    public override string ToString() => $"payment {Index} ({EndToEndId ?? "no end-to-end id"}), {Field}: {Reason}";
}
