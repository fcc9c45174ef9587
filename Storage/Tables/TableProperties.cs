using System.Globalization;

namespace Bankflow.Storage.Tables;

/// <summary>Property-name and value rules of the Table service (names ≤ 255 identifier characters; strings ≤ 32 Ki chars; binary ≤ 64 KiB).</summary>
internal static class TableProperties
{
    public const int MaxNameLength = 255;
    public const int MaxStringLength = 32 * 1024;
    public const int MaxBinaryLength = 64 * 1024;

    public static void ValidateName(string? name, string parameterName)
    {
        if (name is null)
        {
            throw new ArgumentNullException(parameterName, "property name must not be null");
        }
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"property name must be 1–{MaxNameLength} characters; found {name.Length}", parameterName);
        }
        if (name is "PartitionKey" or "RowKey" or "Timestamp")
        {
            throw new ArgumentException($"property name '{name}' is a system property; use the {name} member of TableEntity", parameterName);
        }
        if (!(char.IsLetter(name[0]) || name[0] == '_'))
        {
            throw new ArgumentException($"property name must start with a letter or '_'; found \"{TableNames.Shorten(name)}\"", parameterName);
        }
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"property name may hold only letters, digits and '_'; found '{c}' in \"{TableNames.Shorten(name)}\"", parameterName);
            }
        }
    }

    public static void ValidateValue(string name, object? value, string parameterName)
    {
        switch (value)
        {
            case null:
                throw new ArgumentNullException(parameterName, $"property '{name}' must not be null (remove the property instead)");
            case string s when s.Length > MaxStringLength:
                throw new ArgumentException($"property '{name}': a string must be at most {MaxStringLength} characters; found {s.Length}", parameterName);
            case byte[] b when b.Length > MaxBinaryLength:
                throw new ArgumentException($"property '{name}': binary must be at most {MaxBinaryLength} bytes; found {b.Length}", parameterName);
            case double d when !double.IsFinite(d):
                throw new ArgumentException($"property '{name}': a double must be finite; found {d.ToString(CultureInfo.InvariantCulture)}", parameterName);
            case string or long or int or bool or double or DateTimeOffset or Guid or byte[]:
                return;
            case DateTime:
                throw new ArgumentException($"property '{name}': use DateTimeOffset, not DateTime (a DateTime's kind makes the instant ambiguous)", parameterName);
            default:
                throw new ArgumentException(
                    $"property '{name}': type {value.GetType().Name} is not supported (string, long, int, bool, double, DateTimeOffset, Guid, byte[])",
                    parameterName);
        }
    }
}
