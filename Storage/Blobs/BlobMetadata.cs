using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Bankflow.Storage.Blobs;

/// <summary>
/// Blob metadata travels as <c>x-ms-meta-{name}: {value}</c> headers, so names must be C# identifiers and values
/// HTTP header text (printable ASCII). Values are percent-encoded transparently: on write, '%', every character
/// outside printable ASCII (as UTF-8 bytes, e.g. "æ" → "%C3%A6") and any space that is leading, trailing or follows
/// another space (HTTP trims and SharedKey folds those) are encoded; on read, a value that is a well-formed
/// encoding is decoded, anything else (written by another client) is returned as stored.
/// </summary>
internal static partial class BlobMetadata
{
    /// <summary>The service limit for all names and values together.</summary>
    public const int MaxTotalBytes = 8 * 1024;

    public const string HeaderPrefix = "x-ms-meta-";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>Validates and encodes; returns header name (without prefix) → encoded value.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Encode(IDictionary<string, string> metadata, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(metadata, parameterName);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var encoded = new List<KeyValuePair<string, string>>(metadata.Count);
        var total = 0;
        foreach (var (name, value) in metadata)
        {
            if (name is null || !NamePattern().IsMatch(name))
            {
                throw new ArgumentException(
                    $"metadata name '{name}' is invalid: it must be a C# identifier (ASCII letters, digits and '_', not starting with a digit)",
                    parameterName);
            }
            if (!seen.Add(name))
            {
                throw new ArgumentException($"metadata name '{name}' appears twice (names are case-insensitive)", parameterName);
            }
            if (value is null)
            {
                throw new ArgumentException($"metadata value for '{name}' is null", parameterName);
            }
            var encodedValue = EncodeValue(value, parameterName);
            total = checked(total + name.Length + encodedValue.Length);
            encoded.Add(new(name, encodedValue));
        }
        if (total > MaxTotalBytes)
        {
            throw new ArgumentException($"metadata is {total} bytes after encoding; the service allows at most {MaxTotalBytes}", parameterName);
        }
        return encoded;
    }

    public static string EncodeValue(string value, string parameterName)
    {
        StringBuilder? result = null;
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var isEdgeOrRepeatedSpace = c == ' ' && (i == 0 || i == value.Length - 1 || value[i - 1] == ' ');
            if (c is >= ' ' and <= '~' && c != '%' && !isEdgeOrRepeatedSpace)
            {
                result?.Append(c);
                continue;
            }
            result ??= new StringBuilder(value, 0, i, value.Length * 3);
            int length;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                length = Encoding.UTF8.GetBytes(value.AsSpan(i, 2), utf8);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"metadata value '{value}' contains a lone surrogate at index {i}", parameterName);
            }
            else
            {
                length = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            }
            foreach (var b in utf8[..length])
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return result?.ToString() ?? value;
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string DecodeValue(string stored)
    {
        if (!stored.Contains('%', StringComparison.Ordinal))
        {
            return stored;
        }
        var bytes = new List<byte>(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            var c = stored[i];
            if (c == '%')
            {
                if (i + 2 >= stored.Length ||
                    !byte.TryParse(stored.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return stored;
                }
                bytes.Add(b);
                i += 2;
            }
            else if (c > '\x7f')
            {
                return stored;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }
        try
        {
            return s_strictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return stored;
        }
    }

    /// <summary>Reads every <c>x-ms-meta-</c> header of a response, decoded; names compare case-insensitively.</summary>
    public static IReadOnlyDictionary<string, string> FromHeaders(Azure.Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[HeaderPrefix.Length..]] = DecodeValue(header.Value);
            }
        }
        return metadata;
    }
}
