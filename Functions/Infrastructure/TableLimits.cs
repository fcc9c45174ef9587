using System.Security.Cryptography;
using System.Text;

namespace Bankflow.Functions.Infrastructure;

/// <summary>
/// Azure Table storage's limits on what a bank file can put into a row: a key (PartitionKey, RowKey) holds at most
/// 1 KiB of UTF-16 (512 characters), a string property at most 32 K characters. Values from files are usually
/// short (ISO 20022 ids are Max35Text), but a hostile or broken file must not make a write fail — the import would
/// then fail on every retry instead of being decided.
/// </summary>
public static class TableLimits
{
    /// <summary>Longest key part kept as it is; a longer one becomes its head and a hash (the whole key stays well under 512).</summary>
    public const int MaxKeyPart = 200;

    /// <summary>Longest text stored in a property (well under the 32 K characters a property takes).</summary>
    public const int MaxText = 4096;

    /// <summary>
    /// A key part no longer than <see cref="MaxKeyPart"/>: as it is when short enough, else its first 160 characters,
    /// '~' and 32 hex digits of the SHA-256 of the whole value — deterministic, so a re-import writes the same row.
    /// </summary>
    public static string BoundKeyPart(string keySafe, string original)
    {
        ArgumentNullException.ThrowIfNull(keySafe);
        ArgumentNullException.ThrowIfNull(original);
        if (keySafe.Length <= MaxKeyPart)
        {
            return keySafe;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original)).AsSpan(0, 16));
        return $"{keySafe[..160]}~{hash}";
    }

    /// <summary><paramref name="value"/> cut to <paramref name="max"/> characters (never inside a surrogate pair).</summary>
    public static string Clip(string value, int max = MaxText)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= max)
        {
            return value;
        }
        var cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..cut];
    }
}
