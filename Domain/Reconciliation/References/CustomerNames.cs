using System.Text;

namespace Bankflow.Domain.Reconciliation.References;

/// <summary>
/// The key two spellings of one company name share: letters and digits only, lower case ("FJORD A/S",
/// "Fjord AS" and "fjord  as." are one key). Deliberately nothing fuzzier: "Fjord Invest AS" is another company.
/// </summary>
public static class CustomerNames
{
    public static string? Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.Length == 0 ? null : builder.ToString();
    }
}
