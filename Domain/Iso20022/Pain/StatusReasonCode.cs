namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>
/// An ISO 20022 status reason code (ExternalStatusReason1Code, StsRsnInf/Rsn/Cd). Extensible: any code
/// survives; the common ones carry a short English description for notifications.
/// </summary>
public readonly record struct StatusReasonCode
{
    public StatusReasonCode(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        _code = code;
    }

    private readonly string? _code;

    /// <summary>The code as in the file; empty for <c>default</c>.</summary>
    public string Code => _code ?? "";

    public static StatusReasonCode IncorrectAccountNumber { get; } = new("AC01");
    public static StatusReasonCode InsufficientFunds { get; } = new("AM04");
    public static StatusReasonCode Duplication { get; } = new("AM05");
    public static StatusReasonCode InvalidControlSum { get; } = new("AM10");
    public static StatusReasonCode Narrative { get; } = new("NARR");

    /// <summary>A short English description for the common codes, null for others.</summary>
    public string? Description => Code switch
    {
        "AC01" => "incorrect account number",
        "AC04" => "closed account",
        "AC06" => "blocked account",
        "AG01" => "transaction forbidden on this account",
        "AM01" => "zero amount",
        "AM02" => "amount above the allowed maximum",
        "AM04" => "insufficient funds",
        "AM05" => "duplicate payment",
        "AM10" => "control sum is wrong",
        "AM18" => "number of transactions is wrong",
        "BE05" => "initiating party not recognised",
        "CH03" => "requested execution date too far in the future",
        "CH04" => "requested execution date too far in the past",
        "DT01" => "invalid date",
        "DU01" => "duplicate message id",
        "DU02" => "duplicate payment information id",
        "DU05" => "duplicate instruction id",
        "FF01" => "invalid file format",
        "MS02" => "reason not specified (customer)",
        "MS03" => "reason not specified (bank)",
        "NARR" => "see the additional information text",
        "RC01" => "bank identifier (BIC) incorrect",
        "TM01" => "received after the cut-off time",
        _ => null,
    };

    public override string ToString() => Code;
}
