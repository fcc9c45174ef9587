using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

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

    /// <summary>Longest string one property holds here: Azure takes 64 KiB of UTF-16 (32,767 characters); room kept.</summary>
    public const int MaxPropertyCharacters = 32_000;

    /// <summary>
    /// Payload of one entity-group transaction at most, as estimated by <see cref="EstimatedBytes"/>: Azure refuses a
    /// batch over 4 MiB, and the estimate leaves room for the request's own framing.
    /// </summary>
    public const int MaxTransactionBytes = 3 * 1024 * 1024;

    /// <summary>
    /// An upper estimate of what an entity adds to a transaction's payload: its strings as UTF-8 (at most 3 bytes a
    /// UTF-16 character), names and a fixed allowance per property and per entity for the JSON and the batch framing.
    /// </summary>
    public static long EstimatedBytes(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long bytes = 512 + (3L * (entity.PartitionKey.Length + entity.RowKey.Length));
        foreach (var (name, value) in entity)
        {
            bytes += 64 + name.Length + (value is string text ? 3L * text.Length : 32);
        }
        return bytes;
    }

    /// <summary>
    /// <paramref name="entities"/> (of one partition) in transactions of at most <paramref name="maxCount"/> entities
    /// and <see cref="MaxTransactionBytes"/>: entries of ordinary size go 100 at a time, a file's large rows fewer at once.
    /// </summary>
    public static IEnumerable<List<TableEntity>> Transactions(IEnumerable<TableEntity> entities, int maxCount)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var batch = new List<TableEntity>();
        long bytes = 0;
        foreach (var entity in entities)
        {
            var size = EstimatedBytes(entity);
            if (batch.Count > 0 && (batch.Count == maxCount || bytes + size > MaxTransactionBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }
            batch.Add(entity);
            bytes += size;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// <paramref name="value"/> in parts of at most <see cref="MaxPropertyCharacters"/> (never inside a surrogate pair):
    /// one part for any ordinary value, several for a long one stored across numbered properties.
    /// </summary>
    public static List<string> Parts(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>();
        var start = 0;
        while (value.Length - start > MaxPropertyCharacters)
        {
            var length = char.IsHighSurrogate(value[start + MaxPropertyCharacters - 1]) ? MaxPropertyCharacters - 1 : MaxPropertyCharacters;
            parts.Add(value.Substring(start, length));
            start += length;
        }
        parts.Add(value[start..]);
        return parts;
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
