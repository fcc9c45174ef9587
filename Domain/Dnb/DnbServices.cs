namespace Bankflow.Domain.Dnb;

/// <summary>
/// The services an accountant orders on a DNB account in "Koble til tjeneste" (seed 001: "Velg så hvilke tjenester du
/// ønsker å bestille"): outgoing payments, incoming payments as OCR via Nets, and reconciliation files.
/// </summary>
[Flags]
public enum DnbServices
{
    None = 0,

    /// <summary>Remittering: payments sent from Bankflow to DNB.</summary>
    Remittance = 1,

    /// <summary>Innbetalinger / OCR: incoming KID payments, delivered by Nets as OCR giro files.</summary>
    Ocr = 2,

    /// <summary>Bankavstemming: statements (camt) for reconciliation.</summary>
    Reconciliation = 4,
}

/// <summary>The wire names of <see cref="DnbServices"/> (lower case, in the order shown to people).</summary>
public static class DnbServiceNames
{
    public const string Remittance = "remittance";
    public const string Ocr = "ocr";
    public const string Reconciliation = "reconciliation";

    public static readonly IReadOnlyList<string> All = [Remittance, Ocr, Reconciliation];

    public static bool TryParse(string? name, out DnbServices service)
    {
        service = name switch
        {
            Remittance => DnbServices.Remittance,
            Ocr => DnbServices.Ocr,
            Reconciliation => DnbServices.Reconciliation,
            _ => DnbServices.None,
        };
        return service != DnbServices.None;
    }

    /// <summary>"remittance, reconciliation": the names of the set flags, in <see cref="All"/>'s order.</summary>
    public static string Describe(DnbServices services) =>
        services == DnbServices.None ? "none" : string.Join(", ", Names(services));

    public static IEnumerable<string> Names(DnbServices services)
    {
        if (services.HasFlag(DnbServices.Remittance))
        {
            yield return Remittance;
        }
        if (services.HasFlag(DnbServices.Ocr))
        {
            yield return Ocr;
        }
        if (services.HasFlag(DnbServices.Reconciliation))
        {
            yield return Reconciliation;
        }
    }
}
