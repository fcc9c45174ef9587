namespace Bankflow.Domain.Remittance;

/// <summary>The bank that holds the account (and the agreement).</summary>
public enum Bank
{
    Other,
    Handelsbanken,
    Dnb,
    Sbanken,
}

/// <summary>How payment and return files travel.</summary>
public enum IntegrationMode
{
    /// <summary>Direkteintegrasjon: Bankflow delivers payment files to the bank and receives return files itself.</summary>
    Direct,

    /// <summary>Filbasert integrasjon: the user downloads the payment file, uploads it in the online bank (nettbedrift) and brings the return files back.</summary>
    FileBased,
}

/// <summary>Utbetalingstjeneste (payout service): which channel sends the account's payments.</summary>
public enum PayoutService
{
    /// <summary>No payments are sent from this account.</summary>
    None,

    /// <summary>The bank's own integration (Handelsbanken, DNB, Sbanken, or another bank's file service).</summary>
    BankIntegration,

    /// <summary>Nets Direkte remittering: payments through Nets instead of the bank.</summary>
    NetsDirectRemittance,
}

/// <summary>How payments are approved before the bank executes them.</summary>
public enum ApprovalMode
{
    /// <summary>Ettergodkjenning i nettbank: every payment sent from Bankflow must still be approved in the online bank.</summary>
    PostApproval,

    /// <summary>Regnskapsgodkjente betalinger (RgB): authorised in Bankflow with BankID; no approval in the online bank.</summary>
    AccountingApproved,
}

/// <summary>Innbetalinger: incoming-payment services registered on the account.</summary>
[Flags]
public enum IncomingServices
{
    None = 0,

    /// <summary>Nets OCR giro: incoming KID payments delivered as OCR files.</summary>
    NetsOcr = 1,
}

/// <summary>DNB's division (divisjon) of the agreement, filled in by DNB together with the AvtaleID.</summary>
public sealed record DnbDivision(string Name, string Number);
