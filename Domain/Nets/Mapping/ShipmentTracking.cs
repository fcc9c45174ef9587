namespace Bankflow.Domain.Nets.Mapping;

public enum ShipmentStatus
{
    /// <summary>A transmission number not seen before for this data recipient: import it.</summary>
    New,

    /// <summary>Same number, same content: already imported; skip it.</summary>
    Duplicate,

    /// <summary>Same number, different content: never import; quarantine with <see cref="ShipmentDecision.Reason"/>.</summary>
    Conflict,
}

/// <summary>Numbers missing between the highest seen and the new one: <see cref="First"/>..<see cref="Last"/> inclusive.</summary>
public readonly record struct ShipmentGap(int First, int Last)
{
    public int Count => Last - First + 1;
}

/// <param name="Gap">Set when numbers are missing between the highest seen and this one (raise a notification).</param>
public sealed record ShipmentDecision(ShipmentStatus Status, string Reason, ShipmentGap? Gap);

/// <summary>
/// Decides what to do with a newly received file from its transmission number (positions 17–23 of the start
/// record, a serial per data recipient) and a hash of its content. Pure: the caller keeps the state.
/// </summary>
public static class ShipmentTracking
{
    /// <param name="seen">Transmission numbers already received for this data recipient → content hash.</param>
    public static ShipmentDecision Classify(IReadOnlyDictionary<int, string> seen, int transmissionNumber, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentException.ThrowIfNullOrEmpty(contentHash);
        if (seen.TryGetValue(transmissionNumber, out var previous))
        {
            return string.Equals(previous, contentHash, StringComparison.Ordinal)
                ? new ShipmentDecision(ShipmentStatus.Duplicate, $"transmission {transmissionNumber} was already received with the same content", null)
                : new ShipmentDecision(ShipmentStatus.Conflict,
                    $"transmission {transmissionNumber} was already received with different content (hash {Short(previous)} before, {Short(contentHash)} now): quarantined, nothing imported; ask Nets which file is right",
                    null);
        }
        ShipmentGap? gap = null;
        if (seen.Count > 0)
        {
            var highest = seen.Keys.Max();
            if (transmissionNumber > highest + 1)
            {
                gap = new ShipmentGap(highest + 1, transmissionNumber - 1);
            }
        }
        var reason = gap is { } g
            ? $"transmission {transmissionNumber} is new; {g.Count} transmission number(s) {g.First}–{g.Last} after the highest seen ({g.First - 1}) have not been received"
            : $"transmission {transmissionNumber} is new";
        return new ShipmentDecision(ShipmentStatus.New, reason, gap);
    }

    /// <summary>
    /// SHA-256 (hex) of the records: line endings, a final newline and blank lines do not count, so a
    /// file re-delivered with CRLF instead of LF is a duplicate, not a conflict. <see cref="ShipmentContentHash"/> computes
    /// it while a file streams past.
    /// </summary>
    public static string ContentHash(ReadOnlySpan<byte> file)
    {
        using var hash = new ShipmentContentHash();
        hash.Append(file);
        return hash.Finish();
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
