using System.Text;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets;

/// <summary>
/// Reads the fields of one 80-byte record. Positions are 1-based and inclusive, as in the Nets manual and
/// FORMATS.md, so each call can be checked against the spec table by eye. A field that does not hold what
/// it must is reported (line, record type, field, expected, found) and read as zero/empty; <see cref="Ok"/>
/// turns false.
/// </summary>
public ref struct NetsFields
{
    private readonly ReadOnlySpan<byte> _line;
    private readonly NetsDiagnostics? _diagnostics;

    public NetsFields(ReadOnlySpan<byte> line, int lineNumber, NetsDiagnostics? diagnostics)
    {
        _line = line;
        LineNumber = lineNumber;
        _diagnostics = diagnostics;
        Ok = true;
    }

    public int LineNumber { get; }

    /// <summary>False once any field failed.</summary>
    public bool Ok { get; private set; }

    /// <summary>"30", "88" …: positions 7–8, for diagnostics.</summary>
    public readonly string RecordType => NetsRecordTypeNames.Of(_line);

    public readonly ReadOnlySpan<byte> Slice(int start, int length) => _line.Slice(start - 1, length);

    public readonly byte At(int position) => _line[position - 1];

    /// <summary>A zero-filled numeric field of up to 18 digits.</summary>
    public long Number(int start, int length, string field)
    {
        var span = Slice(start, length);
        long value = 0;
        // At most 17 digits are read (amounts), far below long.MaxValue: no overflow check needed per digit.
        unchecked
        {
            foreach (var b in span)
            {
                var digit = (uint)(b - '0');
                if (digit > 9)
                {
                    Fail(field, $"{length} digits", Show(span), "numeric field holds a character that is not a digit");
                    return 0;
                }
                value = (value * 10) + digit;
            }
        }
        return value;
    }

    public int Int(int start, int length, string field) => (int)Number(start, length, field);

    /// <summary>True when positions start..start+length-1 are all digits (eight at a time; the fast path of a record).</summary>
    public readonly bool AllDigits(int start, int length) => NetsDigits.AreDigits(_line, start - 1, length);

    /// <summary>A numeric field of at most 18 digits already known to be digits (see <see cref="AllDigits"/>): no checks.</summary>
    internal readonly long Digits(int start, int length) => NetsDigits.Parse(_line, start - 1, length);

    /// <summary>DDMMYY; "000000" is no date. Century: YY 00–79 is 20YY, 80–99 is 19YY (fixed here, never the culture's).</summary>
    public DateOnly? Date(int start, string field, bool required)
    {
        var span = Slice(start, 6);
        if (!NetsDates.TryParse(span, out var date, out var reason))
        {
            Fail(field, "a date DDMMYY or 000000", Show(span), reason);
            return null;
        }
        if (date is null && required)
        {
            Fail(field, "a date DDMMYY", Show(span), "date is required here");
        }
        return date;
    }

    /// <summary>Left-aligned, blank-filled text: trailing blanks dropped.</summary>
    public readonly NetsText Text(int start, int length) => NetsText.FromLatin1(Slice(start, length).TrimEnd((byte)' '));

    /// <summary>
    /// A right-aligned, blank-filled KID (FORMATS.md §1.1): blanks then digits, the last may be '-'.
    /// All blanks is no KID. Anything else is an error: the field is damaged.
    /// </summary>
    public NetsText Kid(int start, int length, string field)
    {
        var span = Slice(start, length);
        var end = start - 1 + length;
        if (NetsKidVector.Applies(end, length, _line.Length))
        {
            // One vector pass for shape and check digits: the reader asks for the check right after (V9).
            switch (NetsKidVector.Read(_line, end, length, out var first, out var check))
            {
                case NetsKidVector.Shape.Blank:
                    return NetsText.Empty;
                case NetsKidVector.Shape.Kid:
                    KnownKidCheck = check;
                    return NetsText.FromLatin1(_line[first..end]);
                default:
                    Fail(field, "a right-aligned KID: blanks, then digits (the last may be '-')", Show(span), "KID field is not a right-aligned KID");
                    return NetsText.Empty;
            }
        }
        var digits = span.TrimStart((byte)' ');
        if (digits.IsEmpty)
        {
            return NetsText.Empty;
        }
        var last = digits[^1];
        if (digits[..^1].IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0
            || !(last is >= (byte)'0' and <= (byte)'9' || (last == '-' && digits.Length > 1)))
        {
            Fail(field, "a right-aligned KID: blanks, then digits (the last may be '-')", Show(span), "KID field is not a right-aligned KID");
            return NetsText.Empty;
        }
        return NetsText.FromLatin1(digits);
    }

    /// <summary>The check digits of the KID <see cref="Kid"/> last returned, when it could work them out on the way.</summary>
    internal KidCheck? KnownKidCheck { get; private set; }

    public void Fail(string field, string expected, string found, string message)
    {
        Ok = false;
        _diagnostics?.Error(LineNumber, RecordType, field, message, expected, found);
    }

    /// <summary>The field as printable text for a diagnostic (control characters shown as '·').</summary>
    public static string Show(ReadOnlySpan<byte> span)
    {
        var builder = new StringBuilder(span.Length + 2).Append('"');
        foreach (var b in span)
        {
            builder.Append(b is < 0x20 or 0x7F ? '·' : (char)b);
        }
        return builder.Append('"').ToString();
    }
}

/// <summary>Nets dates: DDMMYY with an explicit century pivot.</summary>
public static class NetsDates
{
    /// <summary>YY at or below this is 20YY, above it 19YY.</summary>
    public const int CenturyPivot = 79;

    public static bool TryParse(ReadOnlySpan<byte> ddmmyy, out DateOnly? date, out string reason)
    {
        date = null;
        reason = "";
        if (ddmmyy.Length != 6)
        {
            reason = "date must be 6 digits";
            return false;
        }
        var d1 = unchecked((uint)(ddmmyy[0] - '0'));
        var d2 = unchecked((uint)(ddmmyy[1] - '0'));
        var m1 = unchecked((uint)(ddmmyy[2] - '0'));
        var m2 = unchecked((uint)(ddmmyy[3] - '0'));
        var y1 = unchecked((uint)(ddmmyy[4] - '0'));
        var y2 = unchecked((uint)(ddmmyy[5] - '0'));
        if (d1 > 9 || d2 > 9 || m1 > 9 || m2 > 9 || y1 > 9 || y2 > 9)
        {
            reason = "date holds a character that is not a digit";
            return false;
        }
        var day = (int)((d1 * 10) + d2);
        var month = (int)((m1 * 10) + m2);
        var yy = (int)((y1 * 10) + y2);
        if (day == 0 && month == 0 && yy == 0)
        {
            return true;
        }
        var year = yy <= CenturyPivot ? 2000 + yy : 1900 + yy;
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            reason = "no such date";
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static ReadOnlySpan<byte> MonthDays => [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    /// <summary>Table lookup: this runs twice per transaction.</summary>
    private static int DaysInMonth(int year, int month) =>
        month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : MonthDays[month];

    /// <summary>Writes DDMMYY, or 000000 for no date. Years outside 1980–2079 cannot be written.</summary>
    public static void Write(DateOnly? date, Span<byte> destination)
    {
        if (date is not { } d)
        {
            "000000"u8.CopyTo(destination);
            return;
        }
        if (d.Year is < 1900 + CenturyPivot + 1 or > 2000 + CenturyPivot)
        {
            throw new ArgumentOutOfRangeException(nameof(date), $"{d:yyyy-MM-dd} cannot be written as DDMMYY with the century pivot {CenturyPivot}");
        }
        NetsFormat.Digits(d.Day, destination[..2]);
        NetsFormat.Digits(d.Month, destination.Slice(2, 2));
        NetsFormat.Digits(d.Year % 100, destination.Slice(4, 2));
    }
}

/// <summary>Writing fields into an 80-byte record.</summary>
public static class NetsFormat
{
    /// <summary>Zero-filled digits; throws when the value does not fit (a bug in the caller, not bad input).</summary>
    public static void Digits(long value, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"value does not fit in {destination.Length} digits");
        }
    }

    /// <summary>Left-aligned, blank-filled.</summary>
    public static void Left(NetsText text, Span<byte> destination)
    {
        if (text.Length > destination.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(text), $"text longer than the field ({destination.Length})");
        }
        destination.Fill((byte)' ');
        text.Span.CopyTo(destination);
    }

    /// <summary>Right-aligned, blank-filled (KID).</summary>
    public static void Right(NetsText text, Span<byte> destination)
    {
        if (text.Length > destination.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(text), $"text longer than the field ({destination.Length})");
        }
        destination.Fill((byte)' ');
        text.Span.CopyTo(destination[(destination.Length - text.Length)..]);
    }

    /// <summary>"NY" + service + type + record type, the first 8 positions of every record.</summary>
    public static void Header(Span<byte> record, int serviceCode, int type, NetsRecordType recordType)
    {
        record[0] = (byte)'N';
        record[1] = (byte)'Y';
        Digits(serviceCode, record.Slice(2, 2));
        Digits(type, record.Slice(4, 2));
        Digits((int)recordType, record.Slice(6, 2));
    }
}

internal static class NetsRecordTypeNames
{
    private static readonly string[] Names = CreateNames();

    private static string[] CreateNames()
    {
        var names = new string[100];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        }
        return names;
    }

    public static string Of(ReadOnlySpan<byte> line)
    {
        if (line.Length < 8)
        {
            return "?";
        }
        var a = unchecked((uint)(line[6] - '0'));
        var b = unchecked((uint)(line[7] - '0'));
        return a <= 9 && b <= 9 ? Names[(a * 10) + b] : NetsFields.Show(line.Slice(6, 2)).Trim('"');
    }

    public static string Of(NetsRecordType type) => Names[(int)type];
}
