using System.Globalization;
using System.Text;

namespace Bankflow.Functions.Infrastructure;

/// <summary>
/// Blob metadata travels as <c>x-ms-meta-*</c> HTTP headers: printable ASCII only, and HTTP drops edge spaces. Our
/// values are any text (a user's subject, a batch id, a Norwegian file name), so they are stored percent-encoded:
/// '%', every character outside printable ASCII (as its UTF-8 bytes, "æ" → "%C3%A6") and a space at either end or
/// after another space. Plain ASCII values are stored exactly as they are.
/// </summary>
public static class BlobMetadataText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IDictionary<string, string> Encode(IDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.ToDictionary(m => m.Key, m => Encode(m.Value), StringComparer.OrdinalIgnoreCase);
    }

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var looseSpace = c == ' ' && (i == 0 || i == value.Length - 1 || value[i - 1] == ' ');
            if (c is >= ' ' and <= '~' && c != '%' && !looseSpace)
            {
                builder.Append(c);
                continue;
            }
            var width = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
            if (width == 1 && char.IsSurrogate(c))
            {
                throw new ArgumentException($"metadata value has a lone surrogate at index {i}", nameof(value));
            }
            foreach (var b in utf8[..Encoding.UTF8.GetBytes(value.AsSpan(i, width), utf8)])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            i += width - 1;
        }
        return builder.ToString();
    }

    /// <summary>The text of an encoded value; a value that is no such encoding (written by another tool) comes back as stored.</summary>
    public static string Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.Contains('%', StringComparison.Ordinal))
        {
            return stored;
        }
        var bytes = new List<byte>(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i] == '%')
            {
                if (i + 2 >= stored.Length || !byte.TryParse(stored.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return stored;
                }
                bytes.Add(b);
                i += 2;
            }
            else if (stored[i] > '~')
            {
                return stored;
            }
            else
            {
                bytes.Add((byte)stored[i]);
            }
        }
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return stored;
        }
    }
}
