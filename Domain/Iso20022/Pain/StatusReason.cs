namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>
/// One StsRsnInf: a reason code (Rsn/Cd) or a proprietary reason (Rsn/Prtry), and the additional
/// information lines (AddtlInf), often the only precise explanation.
/// </summary>
public sealed record StatusReason(StatusReasonCode? Code, string? Proprietary, IReadOnlyList<string> AdditionalInfo)
{
    /// <summary>The code's description, else the proprietary reason.</summary>
    public string? Description => Code?.Description ?? Proprietary;

    /// <summary>"AC01 incorrect account number: Mottakers kontonummer finnes ikke" — for notifications.</summary>
    public override string ToString()
    {
        var head = string.Join(' ', new[] { Code?.Code ?? Proprietary, Code?.Description }.Where(s => !string.IsNullOrEmpty(s)));
        var info = string.Join(" ", AdditionalInfo);
        return (head, info) switch
        {
            ("", "") => "no reason given",
            (_, "") => head,
            ("", _) => info,
            _ => $"{head}: {info}",
        };
    }
}
