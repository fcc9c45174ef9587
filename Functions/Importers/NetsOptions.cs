using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Bankflow.Functions.Importers;

/// <summary>
/// <c>Bankflow:Nets:DataRecipient</c>: Bankflow's customer unit id at Nets (kundeenhetsid), under which Nets delivers OCR
/// giro files to it as data recipient (seeds 000/001). Required: without it no OCR file could be checked, so the app
/// refuses to start rather than import files meant for someone else.
/// </summary>
public sealed record NetsOptions(int DataRecipient)
{
    public const string Key = "Bankflow:Nets:DataRecipient";

    public static NetsOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Bankflow:Nets:DataRecipient"]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new InvalidOperationException(
                $"{Key} is not configured: set it to Bankflow's customer unit id at Nets (kundeenhetsid, up to 8 digits, e.g. 00105625); "
                + "OCR giro files are imported only when addressed to that data recipient");
        }
        if (text.Length > 8 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            throw new InvalidOperationException($"{Key} must be Bankflow's customer unit id at Nets: 1–8 digits, not all zero");
        }
        return new NetsOptions(id);
    }
}
