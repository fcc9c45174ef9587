namespace Bankflow.Domain.Nets;

/// <summary>Positions 5–6 of an OCR giro amount item (service 09): how the payer paid. FORMATS.md §1.3.</summary>
public enum OcrTransactionType
{
    /// <summary>Giro debited an account.</summary>
    GiroDebitedAccount = 10,

    /// <summary>Standing order (faste oppdrag).</summary>
    StandingOrder = 11,

    /// <summary>Direct remittance (direkte remittering).</summary>
    DirectRemittance = 12,

    /// <summary>Business Terminal Giro (BTG; corporate/online banking).</summary>
    BusinessTerminalGiro = 13,

    /// <summary>Counter giro.</summary>
    CounterGiro = 14,

    /// <summary>AvtaleGiro: a direct debit collected by Nets.</summary>
    AvtaleGiro = 15,

    /// <summary>Telegiro.</summary>
    TeleGiro = 16,

    /// <summary>Giro paid in cash.</summary>
    GiroPaidInCash = 17,

    /// <summary>Reversal with KID (terminal/internet payment).</summary>
    ReversalWithKid = 18,

    /// <summary>Purchase with KID (terminal/internet payment).</summary>
    PurchaseWithKid = 19,

    /// <summary>Reversal with free text (terminal/internet payment); has an amount item 3.</summary>
    ReversalWithText = 20,

    /// <summary>Purchase with free text (terminal/internet payment); has an amount item 3.</summary>
    PurchaseWithText = 21,
}

/// <summary>Positions 5–6 of an AvtaleGiro item (service 21).</summary>
public enum AvtaleGiroTransactionType
{
    /// <summary>"02": payment claim, the payee notifies the payer itself.</summary>
    ClaimPayeeNotifies = 2,

    /// <summary>"21": payment claim, the bank notifies the payer (may carry specification records).</summary>
    ClaimBankNotifies = 21,

    /// <summary>"93": cancellation of a claim.</summary>
    Cancellation = 93,

    /// <summary>"94": agreement record.</summary>
    Agreement = 94,
}

public static class NetsTransactionTypes
{
    public static bool IsKnown(OcrTransactionType type) => type is >= OcrTransactionType.GiroDebitedAccount and <= OcrTransactionType.PurchaseWithText;

    /// <summary>Types 20 and 21 carry free text in an amount item 3, and only they do.</summary>
    public static bool HasItem3(OcrTransactionType type) => type is OcrTransactionType.ReversalWithText or OcrTransactionType.PurchaseWithText;

    public static string Name(OcrTransactionType type) => type switch
    {
        OcrTransactionType.GiroDebitedAccount => "giro debited an account",
        OcrTransactionType.StandingOrder => "standing order",
        OcrTransactionType.DirectRemittance => "direct remittance",
        OcrTransactionType.BusinessTerminalGiro => "Business Terminal Giro",
        OcrTransactionType.CounterGiro => "counter giro",
        OcrTransactionType.AvtaleGiro => "AvtaleGiro",
        OcrTransactionType.TeleGiro => "Telegiro",
        OcrTransactionType.GiroPaidInCash => "giro paid in cash",
        OcrTransactionType.ReversalWithKid => "reversal with KID",
        OcrTransactionType.PurchaseWithKid => "purchase with KID",
        OcrTransactionType.ReversalWithText => "reversal with free text",
        OcrTransactionType.PurchaseWithText => "purchase with free text",
        _ => "unknown",
    };

    public static string Name(AvtaleGiroTransactionType type) => type switch
    {
        AvtaleGiroTransactionType.ClaimPayeeNotifies => "payment claim, payee notifies",
        AvtaleGiroTransactionType.ClaimBankNotifies => "payment claim, bank notifies",
        AvtaleGiroTransactionType.Cancellation => "cancellation",
        AvtaleGiroTransactionType.Agreement => "agreement",
        _ => "unknown",
    };
}
