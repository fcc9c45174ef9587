using System.Globalization;

namespace Bankflow.Storage.Tables;

/// <summary>
/// PartitionKey/RowKey rules, checked before any request: not null, at most <see cref="MaxLength"/> characters,
/// none of <c>/ \ # ?</c>, no control characters U+0000–U+001F or U+007F–U+009F. The empty string is allowed.
/// Azurite stops at 512 characters (400 InvalidInput); Azure allows 1 KiB. We enforce Azure's limit so a key
/// that works in Azure is never refused by the client.
/// </summary>
public static class TableKeys
{
    /// <summary>Azure's key limit (1 KiB). Azurite 3.37 allows only 512 characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> and the broken rule.</summary>
    public static void Validate(string? key, string keyName, string parameterName)
    {
        if (key is null)
        {
            throw new ArgumentNullException(parameterName, $"{keyName} must not be null (the empty string is allowed)");
        }
        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"{keyName} must be at most {MaxLength} characters; found {key.Length}", parameterName);
        }
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '/' or '\\' or '#' or '?')
            {
                throw new ArgumentException($"{keyName} must not contain '/', '\\', '#' or '?'; found '{c}' at index {i}", parameterName);
            }
            if (c <= '\u001F' || (c >= '\u007F' && c <= '\u009F'))
            {
                throw new ArgumentException(
                    $"{keyName} must not contain control characters (U+0000–U+001F, U+007F–U+009F); found U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} at index {i}",
                    parameterName);
            }
        }
    }

    /// <summary>A key inside <c>(PartitionKey='…',RowKey='…')</c>: single quotes doubled (OData), then percent-encoded.</summary>
    internal static string ForUrl(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
