using Bankflow.Domain.Nets.Records;

namespace Bankflow.Domain.Nets.Mapping;

/// <summary>
/// OCR giro files reach Bankflow because Nets has it registered as data recipient (datamottaker) with its own customer
/// unit id (kundeenhetsid; seeds 000 and 001: "satt opp som datamottaker med kundeenhetsid … for hver enkelt konto").
/// The transmission start record names the recipient a file was made for; one made for another recipient is not ours to
/// import (a misrouted delivery, or a file meant for another system), whatever it contains.
/// </summary>
public static class DataRecipientCheck
{
    /// <summary>
    /// Null when the file is addressed to <paramref name="ourCustomerUnitId"/>; otherwise the reason, naming both ids and
    /// where the recipient is written (every quarantine reason says where; a valid file's transmission start is line 1).
    /// </summary>
    public static string? Refusal(TransmissionStartRecord start, int ourCustomerUnitId)
    {
        if (start.DataRecipient == ourCustomerUnitId)
        {
            return null;
        }
        return $"the OCR giro file is addressed to data recipient {Format(start.DataRecipient)} (line 1, transmission start record, positions 24–31), "
               + $"not to Bankflow's customer unit id at Nets {Format(ourCustomerUnitId)}; it was not imported: check the data recipient registered at Nets for the account";
    }

    /// <summary>Eight digits, as in the record and in Nets' own papers ("kundeenhetsid 00105625").</summary>
    public static string Format(int customerUnitId) => customerUnitId.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
}
