using System.Globalization;
using System.Text;

namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>
/// The characters Norwegian banks accept in the texts of a pain.001 (names, remittance texts, invoice numbers).
/// <para>
/// Source: the ISO 20022 "Latin character set" that the EPC credit transfer implementation guidelines and the
/// Common Global Implementation (CGI-MP) restrict payment texts to — <c>a–z A–Z 0–9 / - ? : ( ) . , ' +</c> and
/// space — which the Norwegian banks' common pain.001.001.03 implementation guide (BSK/Bits, based on CGI) extends
/// with the Norwegian letters <c>æ ø å Æ Ø Å</c> for domestic payments. The XML special characters <c>&amp; &lt; &gt; "</c>
/// are kept as well: the writer emits them as entity references (<c>&amp;amp;</c> …), the form the guidelines ask
/// for, and company names such as "Berg &amp; Sønn AS" need them.
/// </para>
/// Everything else is refused where the text enters (with the field named), never written into a file: control and
/// bidirectional formatting characters (U+202E can make a payee's name read backwards), emoji and other symbols,
/// letters outside the set (é, ü, ß …), tabs and line breaks.
/// </summary>
public static class Pain001CharacterSet
{
    /// <summary>The set in words, for messages.</summary>
    public const string Description = "letters a–z, A–Z, æøåÆØÅ, digits 0–9, space and / - ? : ( ) . , ' + & < > \"";

    public static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c)
        || c is ' ' or '/' or '-' or '?' or ':' or '(' or ')' or '.' or ',' or '\'' or '+'
        || c is 'æ' or 'ø' or 'å' or 'Æ' or 'Ø' or 'Å'
        || c is '&' or '<' or '>' or '"';

    /// <summary>The index of the first character outside the set, or -1 when every character is in it.</summary>
    public static int IndexOfRefused(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsAllowed(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Null when <paramref name="text"/> is within the set; otherwise why not, naming the character by code point and
    /// kind (never printing it when it is invisible or reorders text) and its 1-based position.
    /// </summary>
    public static string? Check(string text)
    {
        var index = IndexOfRefused(text);
        return index < 0 ? null : $"holds {Describe(text, index)} at position {index + 1}, which banks refuse in a payment file; use only {Description}";
    }

    /// <summary>The character at <paramref name="index"/> (a surrogate pair counts as one) for a message.</summary>
    public static string Describe(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Rune.TryGetRuneAt(text, index, out var rune))
        {
            return $"an unpaired surrogate (U+{(int)text[index]:X4})";
        }
        var code = $"U+{rune.Value:X4}";
        var category = Rune.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control => $"a control character ({code})",
            UnicodeCategory.Format => $"an invisible formatting character such as a bidirectional override ({code})",
            UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => $"a line break ({code})",
            UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => $"a character with no meaning in text ({code})",
            UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol when rune.Value > 0xFFFF || rune.Value is >= 0x2600 and <= 0x27BF => $"an emoji or symbol ({code})",
            UnicodeCategory.SpaceSeparator => $"a space other than the plain space ({code})",
            _ => $"'{rune}' ({code})",
        };
    }
}
