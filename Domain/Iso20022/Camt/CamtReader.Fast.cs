using Bankflow.Domain.Iso20022.Common;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>Reading with the fast reader, and starting over with the framework's reader where a file needs it.</summary>
public sealed partial class CamtReader
{
    private Utf8SubsetXmlReader? _fast;

    /// <summary>
    /// Reads with <see cref="Utf8SubsetXmlReader"/> (several times faster than the framework's reader on plain XML,
    /// with the same nodes, values, lines and columns). Should the file turn out to be something that reader leaves
    /// to the framework — not well-formed, a DOCTYPE, CDATA, … — it is read again from its start with the framework's
    /// reader, exactly as without <c>fastIfSeekable</c>: the same items, errors and messages. The items already handed
    /// out are not handed out again; the diagnostics are collected anew.
    /// <para>That is only sound if the framework's reader hands out at least those items before it stops. It stops at
    /// the token where it finds an error, and the fast reader, which checks everything it checks, stops there or
    /// earlier — except, in principle, for the two things the framework's reader could meet ahead of the token it
    /// parses, because it reads and decodes in blocks: bytes that are not UTF-8, and a run without markup longer than
    /// the token guard. The tests found no such case (it decodes and reads lazily enough), but its buffering is not
    /// documented, so a file with either is read by the framework's reader from the start
    /// (<see cref="Utf8SubsetXmlReader.FailsOnlyWhereItParses"/>, a quick scan first), and items are handed out only
    /// once the fast reader is <see cref="HoldBackBytes"/> past them. Both cost little (a vector scan of the file, a
    /// few hundred entries held).</para>
    /// </summary>
    private IEnumerable<CamtItem> ReadFastOrAgain()
    {
        var start = _input.Position;
        var plain = Utf8SubsetXmlReader.FailsOnlyWhereItParses(_input, _maxTokenBytes);
        _input.Position = start;
        if (!plain)
        {
            foreach (var item in ReadItems())
            {
                yield return item;
            }
            yield break;
        }
        _fast = new Utf8SubsetXmlReader(_input, _nameTable, _maxTokenBytes);
        var holdBack = HoldBackBytes;
        var held = new Queue<(CamtItem Item, long ReadTo)>();
        var handedOut = 0;
        var outside = false;
        try
        {
            while (true)
            {
                CamtItem? item;
                try
                {
                    item = Step();
                }
                catch (XmlOutsideSubsetException)
                {
                    outside = true;
                    break;
                }
                if (item is null)
                {
                    break;
                }
                var readTo = _fast.BytesRead;
                held.Enqueue((item, readTo));
                while (held.Count > 0 && held.Peek().ReadTo + holdBack <= readTo)
                {
                    handedOut++;
                    yield return held.Dequeue().Item;
                }
            }
        }
        finally
        {
            _xml?.Dispose();
        }
        if (!outside)
        {
            while (held.Count > 0)
            {
                yield return held.Dequeue().Item;
            }
            yield break;
        }

        Diagnostics.Clear();
        _input.Position = start;
        var again = new CamtReader(_input, Diagnostics, _maxTokenBytes);
        foreach (var item in again.Read())
        {
            Kind = again.Kind;
            Version = again.Version;
            if (handedOut > 0)
            {
                handedOut--;
                continue;
            }
            yield return item;
        }
        Kind = again.Kind;
        Version = again.Version;
    }

    /// <summary>How far the fast reader must have read past an item before it is handed out: a margin of safety, a few blocks.</summary>
    private const long HoldBackBytes = 1 << 16;
}
