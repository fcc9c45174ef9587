namespace Bankflow.Domain.Reconciliation.References;

/// <summary>
/// How invoice numbers are compared: trimmed, upper case, and a number of digits only without its leading zeros
/// ("0010045" is what a payer means by "10045"). Nothing fuzzier: a near miss is a candidate, never a match.
/// </summary>
public static class InvoiceNumbers
{
    public static string? Normalise(string? number)
    {
        if (number is null)
        {
            return null;
        }
        var span = number.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return null;
        }
        if (IsDigits(span))
        {
            var trimmed = span.TrimStart('0');
            span = trimmed.IsEmpty ? "0" : trimmed;
            // Most invoice numbers need no change: keep the caller's string (no copy for a million of them).
            return span.Length == number.Length ? number : span.ToString();
        }
        var upper = span.ToString().ToUpperInvariant();
        return upper == number ? number : upper;
    }

    internal static bool IsDigits(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> differ by one typing slip: one character replaced,
    /// left out or added, or two neighbours swapped.
    /// </summary>
    public static bool OneSlipApart(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return false;
        }
        if (a.Length == b.Length)
        {
            var first = -1;
            var differences = 0;
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    if (++differences == 1)
                    {
                        first = i;
                    }
                    else if (differences > 2)
                    {
                        return false;
                    }
                }
            }
            if (differences == 1)
            {
                return true;
            }
            // Two differences: a swap of neighbours.
            return first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first] && a[(first + 2)..].SequenceEqual(b[(first + 2)..]);
        }
        if (Math.Abs(a.Length - b.Length) != 1)
        {
            return false;
        }
        var longer = a.Length > b.Length ? a : b;
        var shorter = a.Length > b.Length ? b : a;
        var prefix = 0;
        while (prefix < shorter.Length && longer[prefix] == shorter[prefix])
        {
            prefix++;
        }
        return longer[(prefix + 1)..].SequenceEqual(shorter[prefix..]);
    }
}
