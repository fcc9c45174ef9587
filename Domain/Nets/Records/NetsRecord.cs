namespace Bankflow.Domain.Nets.Records;

/// <summary>What one 80-byte line is, from its first 8 positions.</summary>
public enum NetsRecordKind
{
    /// <summary>Not a record this reader knows (reported as an error).</summary>
    Unknown,
    TransmissionStart,
    AssignmentStart,

    /// <summary>OCR giro amount item 1, 2, 3 (service 09).</summary>
    AmountItem1,
    AmountItem2,
    AmountItem3,

    /// <summary>AvtaleGiro claim or cancellation item 1, 2 (service 21, tt 02/21/93).</summary>
    ClaimItem1,
    ClaimItem2,
    Specification,
    Agreement,
    AssignmentEnd,
    TransmissionEnd,
}

/// <summary>The header of a record, positions 1–8, and the dispatch on it (record type 7–8 first, then 3–6).</summary>
public static class NetsRecord
{
    /// <summary>Every record is 80 characters.</summary>
    public const int Length = 80;

    /// <summary>
    /// Classifies a line of (at least) 8 bytes. On <see cref="NetsRecordKind.Unknown"/>, <paramref name="problem"/>
    /// says which field is wrong and what would have been expected.
    /// </summary>
    public static NetsRecordKind Classify(ReadOnlySpan<byte> line, out NetsServiceCode service, out int type, out (string Field, string Expected, string Message)? problem)
    {
        service = NetsServiceCode.None;
        type = 0;
        problem = null;
        if (line.Length < 8 || line[0] != 'N' || line[1] != 'Y')
        {
            problem = ("format code", "\"NY\"", "every record starts with the format code NY");
            return NetsRecordKind.Unknown;
        }
        var s = TwoDigits(line[2], line[3]);
        var t = TwoDigits(line[4], line[5]);
        var r = TwoDigits(line[6], line[7]);
        if (r < 0)
        {
            problem = ("record type", "10, 20, 30, 31, 32, 49, 70, 88 or 89", "record type (positions 7–8) is not numeric");
            return NetsRecordKind.Unknown;
        }
        if (s < 0 || t < 0)
        {
            problem = (s < 0 ? "service code" : "type", "two digits", "service code and type (positions 3–6) must be numeric");
            return NetsRecordKind.Unknown;
        }
        service = (NetsServiceCode)s;
        type = t;
        switch ((NetsRecordType)r)
        {
            case NetsRecordType.TransmissionStart or NetsRecordType.TransmissionEnd:
                if (s == 0 && t == 0)
                {
                    return r == 10 ? NetsRecordKind.TransmissionStart : NetsRecordKind.TransmissionEnd;
                }
                problem = ("service code", "\"0000\" in positions 3–6", "a transmission record has service code 00 and type 00");
                return NetsRecordKind.Unknown;
            case NetsRecordType.AssignmentStart or NetsRecordType.AssignmentEnd:
                if ((s == 9 && t == 0) || (s == 21 && t is 0 or 24 or 36))
                {
                    return r == 20 ? NetsRecordKind.AssignmentStart : NetsRecordKind.AssignmentEnd;
                }
                problem = ("service code", "0900, 2100, 2124 or 2136 in positions 3–6", "unknown service code or assignment type");
                return NetsRecordKind.Unknown;
            case NetsRecordType.AmountItem1 or NetsRecordType.AmountItem2:
                if (s == 9 && t is >= 10 and <= 21)
                {
                    return r == 30 ? NetsRecordKind.AmountItem1 : NetsRecordKind.AmountItem2;
                }
                if (s == 21 && t is 2 or 21 or 93)
                {
                    return r == 30 ? NetsRecordKind.ClaimItem1 : NetsRecordKind.ClaimItem2;
                }
                problem = ("transaction type", "service 09 with type 10–21, or service 21 with type 02, 21 or 93", "unknown service code or transaction type");
                return NetsRecordKind.Unknown;
            case NetsRecordType.AmountItem3:
                if (s == 9 && t is >= 10 and <= 21)
                {
                    return NetsRecordKind.AmountItem3;
                }
                problem = ("transaction type", "service 09 with type 20 or 21", "unknown service code or transaction type for amount item 3");
                return NetsRecordKind.Unknown;
            case NetsRecordType.Specification:
                if (s == 21 && t == 21)
                {
                    return NetsRecordKind.Specification;
                }
                problem = ("service code", "\"2121\" in positions 3–6", "a specification record is NY212149");
                return NetsRecordKind.Unknown;
            case NetsRecordType.Agreement:
                if (s == 21 && t == 94)
                {
                    return NetsRecordKind.Agreement;
                }
                problem = ("service code", "\"2194\" in positions 3–6", "an agreement record is NY219470");
                return NetsRecordKind.Unknown;
            default:
                problem = ("record type", "10, 20, 30, 31, 32, 49, 70, 88 or 89", "unknown record type");
                return NetsRecordKind.Unknown;
        }
    }

    private static int TwoDigits(byte a, byte b)
    {
        var x = unchecked((uint)(a - '0'));
        var y = unchecked((uint)(b - '0'));
        return x <= 9 && y <= 9 ? (int)((x * 10) + y) : -1;
    }
}
