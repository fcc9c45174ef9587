namespace Bankflow.Domain.Reconciliation.References;

/// <summary>
/// Finds the invoice references of a payment, most reliable source first: structured references, an RF creditor
/// reference, numbers after an invoice word in the message, a message of numbers only. Only the first source
/// that gives anything is used; the rest of the message is not guessed at.
/// </summary>
public static class PaymentReferences
{
    /// <summary>Longest digit run read as a reference (a KID has at most 25 characters).</summary>
    private const int MaxDigits = 25;

    private const int MaxWritten = 70;

    private static readonly string[] InvoiceWords =
    [
        "faktura", "fakturaer", "fakturaene", "fakturanr", "fakturanummer", "fakturanumre", "fakt", "faktnr", "fak", "fnr",
        "inv", "invoice", "invoices", "invnr", "invno", "invoiceno", "invoicenr",
    ];

    private static readonly string[] NumberWords = ["nr", "no", "nummer", "numre", "number", "numbers", "num"];

    private static readonly string[] ListWords = ["og", "and"];

    public static ReferenceGroup? Find(BankMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        if (FromStructured(movement) is { } structured)
        {
            return structured;
        }
        return movement.Text is { } text ? FromText(text) : null;
    }

    private static ReferenceGroup? FromStructured(BankMovement movement)
    {
        if (movement.References.Count == 0)
        {
            return null;
        }
        List<string>? values = null;
        var kind = ReferenceKind.Structured;
        foreach (var reference in movement.References)
        {
            if (reference.Value == movement.Kid)
            {
                continue;
            }
            values ??= [];
            if (RfCreditorReference.TryParse(reference.Value, out var body))
            {
                values.Add(body);
                kind = ReferenceKind.CreditorReference;
            }
            else
            {
                values.Add(reference.Value.Trim());
            }
        }
        return values is null ? null : new ReferenceGroup(kind, values, string.Join(", ", movement.References.Select(r => r.Value)));
    }

    /// <summary>References in a free-text message.</summary>
    public static ReferenceGroup? FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var written = text.Trim();
        if (written.Length > MaxWritten)
        {
            written = written[..MaxWritten];
        }
        if (FindRf(text) is { } rf)
        {
            return new ReferenceGroup(ReferenceKind.CreditorReference, [rf], written);
        }
        // Tokens on the stack: a payment message is short, and this runs for every payment with a message.
        var buffer = text.Length <= StackTokens ? stackalloc Token[text.Length] : new Token[text.Length];
        var tokens = buffer[..Tokenize(text, buffer)];
        List<string>? invoices = null;
        List<string>? kids = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Word)
            {
                continue;
            }
            var isKid = t.Is(text, "kid");
            var next = isKid || IsInvoiceWord(text, tokens, i, out _) ? AfterKeyword(text, tokens, i, isKid) : -1;
            if (next < 0)
            {
                continue;
            }
            var numbers = ReadList(text, tokens, next, out var end);
            if (numbers.Count == 0)
            {
                continue;
            }
            (isKid ? kids ??= [] : invoices ??= []).AddRange(numbers);
            i = end - 1;
        }
        if (invoices is not null)
        {
            return new ReferenceGroup(ReferenceKind.InvoiceText, Distinct(invoices), written);
        }
        if (kids is not null)
        {
            return new ReferenceGroup(ReferenceKind.KidText, Distinct(kids), written);
        }
        // A message of numbers only: the whole text must be the list.
        if (tokens.Length > 0 && tokens[0].Kind == TokenKind.Number)
        {
            var bare = ReadList(text, tokens, 0, out var end);
            if (end == tokens.Length && bare.Count > 0)
            {
                return new ReferenceGroup(ReferenceKind.BareNumbers, Distinct(bare), written);
            }
        }
        return null;
    }

    private static List<string> Distinct(List<string> values) =>
        values.Count == 1 ? values : values.Distinct(StringComparer.Ordinal).ToList();

    /// <summary>"faktura", "inv", …, and "f.nr"/"f nr" (the letter f alone is an invoice word only before "nr").</summary>
    private static bool IsInvoiceWord(string text, ReadOnlySpan<Token> tokens, int i, out int length)
    {
        length = 1;
        var t = tokens[i];
        foreach (var word in InvoiceWords)
        {
            if (t.Is(text, word))
            {
                return true;
            }
        }
        if (t.Is(text, "f"))
        {
            var j = i + 1;
            if (j < tokens.Length && tokens[j].Kind == TokenKind.Punctuation && text[tokens[j].Start] == '.')
            {
                j++;
            }
            return j < tokens.Length && tokens[j].Kind == TokenKind.Word && tokens[j].Is(text, "nr");
        }
        return false;
    }

    /// <summary>Skips "nr", "no.", ":", "#", "-" after the keyword; the index of the first number, or −1.</summary>
    private static int AfterKeyword(string text, ReadOnlySpan<Token> tokens, int keyword, bool isKid)
    {
        var j = keyword + 1;
        while (j < tokens.Length)
        {
            var t = tokens[j];
            if (t.Kind == TokenKind.Number)
            {
                return j;
            }
            if (t.Kind == TokenKind.Punctuation && text[t.Start] is '.' or ':' or '#' or '-')
            {
                j++;
                continue;
            }
            if (!isKid && t.Kind == TokenKind.Word && IsAny(text, t, NumberWords))
            {
                j++;
                continue;
            }
            return -1;
        }
        return -1;
    }

    /// <summary>Numbers separated by '/', ',', '+', '&amp;', ';', "og" or "and" (a '-' could be a range: it ends the list).</summary>
    private static List<string> ReadList(string text, ReadOnlySpan<Token> tokens, int start, out int end)
    {
        var numbers = new List<string>(1);
        var j = start;
        while (j < tokens.Length && tokens[j].Kind == TokenKind.Number)
        {
            numbers.Add(tokens[j].Text(text));
            end = j + 1;
            var k = j + 1;
            if (k < tokens.Length && IsSeparator(text, tokens[k]) && k + 1 < tokens.Length && tokens[k + 1].Kind == TokenKind.Number)
            {
                j = k + 1;
                continue;
            }
            return numbers;
        }
        end = j;
        return numbers;
    }

    private static bool IsSeparator(string text, Token t) =>
        (t.Kind == TokenKind.Punctuation && text[t.Start] is '/' or ',' or '+' or '&' or ';')
        || (t.Kind == TokenKind.Word && IsAny(text, t, ListWords));

    private static bool IsAny(string text, Token t, string[] words)
    {
        foreach (var word in words)
        {
            if (t.Is(text, word))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An RF reference written together ("RF18539007547034") or in groups of four ("RF18 5390 0754 7034").</summary>
    private static string? FindRf(string text)
    {
        for (var i = 0; i + 4 < text.Length; i++)
        {
            if ((text[i] is 'R' or 'r') && (text[i + 1] is 'F' or 'f') && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3])
                && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                var run = i;
                while (run < text.Length && char.IsAsciiLetterOrDigit(text[run]))
                {
                    run++;
                }
                if (RfCreditorReference.TryParse(text[i..run], out var body))
                {
                    return body;
                }
                if (run - i == 4)
                {
                    // In groups: the longest run of groups that passes the check digits (words may follow it).
                    var ends = GroupEnds(text, i);
                    for (var g = ends.Count - 1; g >= 0; g--)
                    {
                        if (RfCreditorReference.TryParse(text[i..ends[g]], out body))
                        {
                            return body;
                        }
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Where "RFdd" followed by space-separated groups could end: printed references come in groups of four
    /// ("RF18 5390 0754 7034"), typed ones in any grouping ("RF45 10045"); words may follow.
    /// </summary>
    private static List<int> GroupEnds(string text, int start)
    {
        var ends = new List<int>();
        var end = start + 4;
        var length = 4;
        while (end + 1 < text.Length && text[end] == ' ')
        {
            var group = end + 1;
            var stop = group;
            while (stop < text.Length && char.IsAsciiLetterOrDigit(text[stop]))
            {
                stop++;
            }
            var size = stop - group;
            if (size == 0 || length + size > RfCreditorReference.MaxLength)
            {
                break;
            }
            end = stop;
            length += size;
            ends.Add(end);
        }
        return ends;
    }

    private enum TokenKind
    {
        Word,
        Number,
        Punctuation,
    }

    /// <summary>Tokens kept on the stack up to this many characters of message (one token per character at most).</summary>
    private const int StackTokens = 256;

    private readonly record struct Token(TokenKind Kind, int Start, int Length)
    {
        public bool Is(string text, string word) => Length == word.Length && text.AsSpan(Start, Length).Equals(word, StringComparison.OrdinalIgnoreCase);

        public string Text(string text) => text.Substring(Start, Length);
    }

    /// <summary>Letter runs, digit runs (at most 25 digits; longer runs are no reference), single punctuation; spaces dropped.</summary>
    private static int Tokenize(string text, Span<Token> tokens)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (char.IsLetter(c))
            {
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }
                tokens[count++] = new Token(TokenKind.Word, start, i - start);
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                // Too long for a reference: a punctuation token stops any list through it.
                tokens[count++] = i - start <= MaxDigits ? new Token(TokenKind.Number, start, i - start) : new Token(TokenKind.Punctuation, start, 1);
            }
            else
            {
                tokens[count++] = new Token(TokenKind.Punctuation, start, 1);
                i++;
            }
        }
        return count;
    }
}
