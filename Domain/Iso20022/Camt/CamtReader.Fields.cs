using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Common;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>Simple values (text, amounts, codes, dates) with their diagnostics.</summary>
public sealed partial class CamtReader
{
    /// <summary>At most this much of a wrong value is echoed in a diagnostic.</summary>
    private const int MaxEchoLength = 40;

    private string ReadText()
    {
        var text = _cursor.ReadText(out var hadChildren);
        if (hadChildren)
        {
            Error($"<{_cursor.Name}> holds a value, not elements", _cursor.Path, "text", "child elements");
        }
        return text.Trim();
    }

    private string? ReadOptionalText()
    {
        var text = ReadText();
        return text.Length == 0 ? null : text;
    }

    /// <summary>ISO 20022 Max35Text: message, statement, entry and payment identifiers and references.</summary>
    private const int MaxIdentifierLength = 35;

    /// <summary>Max34Text and the IBAN: an account identifier.</summary>
    private const int MaxAccountLength = 34;

    /// <summary>
    /// An identifier or reference: longer than its ISO type allows is an error. Such values become keys of stored
    /// rows (an entry's reference its id, an account its partition) and end-to-end ids are matched to payments; a
    /// file with a 5,000-character reference is broken (or hostile), and keys have a size limit.
    /// </summary>
    private string ReadIdentifier(int maxLength = MaxIdentifierLength)
    {
        var path = _cursor.Path;
        var at = Position;
        var text = ReadText();
        if (text.Length > maxLength)
        {
            Error($"<{FieldOf(path)}> is longer than its ISO 20022 type allows", path, $"at most {maxLength} characters", $"{text.Length} characters", at);
        }
        return text;
    }

    private string? ReadOptionalIdentifier(int maxLength = MaxIdentifierLength)
    {
        var text = ReadIdentifier(maxLength);
        return text.Length == 0 ? null : text;
    }

    private string ReadDateTimeText()
    {
        var text = ReadText();
        if (!IsoDate.TryParseDateTime(text, out _))
        {
            Error("not an ISO date-time", _cursor.Path, "YYYY-MM-DDThh:mm:ss with optional fraction and offset", Clip(text));
        }
        return text;
    }

    private CamtAmount? ReadAmount()
    {
        var currency = _cursor.Attribute("Ccy");
        var path = _cursor.Path;
        var at = Position;
        var text = ReadText();
        if (currency is null)
        {
            Error("amount without currency", path, "attribute Ccy", null, at);
            return null;
        }
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            Error("not an ISO 4217 currency code", path, "three capital letters", Clip(currency), at);
            return null;
        }
        var maxDecimals = CurrencyMinorUnits.MaxDecimals(currency);
        if (!IsoAmount.TryParseHundredths(text, maxDecimals, out var hundredths, out var error))
        {
            Error($"invalid amount: {error}", path, $"a decimal amount with at most {maxDecimals} decimals for {currency}", Clip(text), at);
            return null;
        }
        return new CamtAmount(new Money(hundredths), currency);
    }

    private CreditDebit? ReadCreditDebit()
    {
        var text = ReadText();
        switch (text)
        {
            case "CRDT":
                return CreditDebit.Credit;
            case "DBIT":
                return CreditDebit.Debit;
            default:
                Error("invalid credit/debit indicator", _cursor.Path, "CRDT or DBIT", Clip(text));
                return null;
        }
    }

    private bool ReadBoolean()
    {
        var text = ReadText();
        switch (text)
        {
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                Error("invalid indicator", _cursor.Path, "true or false", Clip(text));
                return false;
        }
    }

    private long? ReadNumber()
    {
        var text = ReadText();
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Error("not a whole number", _cursor.Path, "digits", Clip(text));
        return null;
    }

    private int? ReadCount()
    {
        var number = ReadNumber();
        if (number is > int.MaxValue)
        {
            Error("count too large", _cursor.Path, $"at most {int.MaxValue}", number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }
        return (int?)number;
    }

    /// <summary>A DateAndDateTimeChoice (BookgDt, ValDt, Bal/Dt): Dt or DtTm; the date as written.</summary>
    private DateOnly? ReadDateChoice()
    {
        var depth = _cursor.Depth;
        DateOnly? result = null;
        var seen = false;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.Dt))
            {
                seen = true;
                var text = ReadText();
                if (IsoDate.TryParseDate(text, out var date))
                {
                    result = date;
                }
                else
                {
                    Error("not an ISO date", _cursor.Path, "YYYY-MM-DD", Clip(text));
                }
            }
            else if (ReferenceEquals(_cursor.Name, _n.DtTm))
            {
                seen = true;
                var text = ReadText();
                if (IsoDate.TryParseDateTime(text, out var date))
                {
                    result = date;
                }
                else
                {
                    Error("not an ISO date-time", _cursor.Path, "YYYY-MM-DDThh:mm:ss with optional fraction and offset", Clip(text));
                }
            }
            else
            {
                _cursor.Skip();
            }
        }
        if (!seen)
        {
            Error($"missing mandatory element Dt or DtTm in {_cursor.Name}", _cursor.PathOf(depth) + "/Dt", "Dt or DtTm", null);
        }
        return result;
    }

    /// <summary>
    /// A code: either text (v02 Sts) or a choice (Tp/CdOrPrtry/Cd, Rsn/Cd, v08 Sts/Cd, Prtry, Prtry/Id): the first
    /// Cd, Prtry or Id found, looking through nested choices.
    /// </summary>
    private string? ReadCode()
    {
        var depth = _cursor.Depth;
        var text = _cursor.ReadTextOrEnterChildren();
        if (text is not null)
        {
            text = text.Trim();
            return text.Length == 0 ? null : text;
        }
        string? code = null;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (code is null && (ReferenceEquals(name, _n.Cd) || ReferenceEquals(name, _n.Prtry) || ReferenceEquals(name, _n.Id)
                || ReferenceEquals(name, _n.CdOrPrtry) || ReferenceEquals(name, _n.Tp)))
            {
                code = ReadCode();
            }
            else
            {
                _cursor.Skip();
            }
        }
        return code;
    }

    private void RequireText(string? value, int parentDepth, string element)
    {
        if (string.IsNullOrEmpty(value))
        {
            Error($"missing mandatory element {element}", _cursor.PathOf(parentDepth) + "/" + element, element, value is null ? null : "empty");
        }
    }

    private void RequirePresent(object? value, int parentDepth, string element)
    {
        if (value is null)
        {
            Error($"missing mandatory element {element}", _cursor.PathOf(parentDepth) + "/" + element, element, null);
        }
    }

    /// <summary>Where the reader is: line and column of its current node.</summary>
    private (int Line, int Column) Position => (_cursor.Line, _cursor.Column);

    private void Error(string message, string? path, string? expected, string? found, (int Line, int Column)? at = null) =>
        Diagnostics.Add(Located(Severity.Error, message, path, expected, found, at ?? Position));

    private void Warning(string message, string? path, string? expected, string? found, (int Line, int Column)? at = null) =>
        Diagnostics.Add(Located(Severity.Warning, message, path, expected, found, at ?? Position));

    private static Diagnostic Located(Severity severity, string message, string? path, string? expected, string? found, (int Line, int Column) at) =>
        new(severity, message)
        {
            Path = path,
            Line = NullIfZero(at.Line),
            Column = at.Line == 0 ? null : NullIfZero(at.Column),
            Field = FieldOf(path),
            Expected = expected,
            Found = found,
        };

    private static string? FieldOf(string? path)
    {
        if (path is null)
        {
            return null;
        }
        var slash = path.LastIndexOf('/');
        var last = path[(slash + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? last : last[..bracket];
    }

    /// <summary>A value from the file, cut short: diagnostics quote what is wrong, never large parts of a file.</summary>
    internal static string Clip(string value) =>
        value.Length <= MaxEchoLength ? value : string.Concat(value.AsSpan(0, MaxEchoLength), "…");
}
