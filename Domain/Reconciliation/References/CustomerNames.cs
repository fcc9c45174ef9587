using System.Text;

namespace Bankflow.Domain.Reconciliation.References;

/// <summary>
/// The key two spellings of one company name share: letters and digits only, lower case ("FJORD A/S",
/// "Fjord AS" and "fjord  as." are one key). Deliberately nothing fuzzier: "Fjord Invest AS" is another company.
/// </summary>
public static class CustomerNames
{
    /// <summary>Longest name keyed without allocating; longer names are keyed on the heap.</summary>
    public const int StackLimit = 256;

    public static string? Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var buffer = name.Length <= StackLimit ? stackalloc char[name.Length] : new char[name.Length];
        var length = Key(name, buffer);
        return length == 0 ? null : new string(buffer[..length]);
    }

    /// <summary>Writes the key of <paramref name="name"/> to <paramref name="key"/> (as long as the name) and returns its length.</summary>
    public static int Key(string name, Span<char> key)
    {
        ArgumentNullException.ThrowIfNull(name);
        // "å" may come as a + combining ring: composed first, so both spellings give one key.
        var composed = name.IsNormalized(NormalizationForm.FormC) ? name : name.Normalize(NormalizationForm.FormC);
        var length = 0;
        foreach (var c in composed)
        {
            if (char.IsLetterOrDigit(c))
            {
                key[length++] = char.ToLowerInvariant(c);
            }
        }
        return length;
    }
}
