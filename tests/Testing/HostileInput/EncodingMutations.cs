using System.Text;

namespace Bankflow.Testing.HostileInput;

/// <summary>
/// The same text in other encodings and with byte order marks: Nets files are ISO-8859-1, the XML seeds UTF-8
/// (and say so in their declaration, which these mutations leave as it is — a lie for most of them).
/// </summary>
internal static class EncodingMutations
{
    private static readonly Encoding Utf32Le = new UTF32Encoding(bigEndian: false, byteOrderMark: true);

    public static IEnumerable<Mutation> All()
    {
        yield return Any("utf8-bom", (b, _) => [0xEF, 0xBB, 0xBF, .. b]);
        yield return Any("utf8-bom-twice", (b, _) => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. b]);
        yield return Any("utf16le-bom", (b, c) => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Text(b, c))]);
        yield return Any("utf16be-bom", (b, c) => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Text(b, c))]);
        yield return Any("utf16le-no-bom", (b, c) => Encoding.Unicode.GetBytes(Text(b, c)));
        yield return Any("utf32le-bom", (b, c) => [.. Utf32Le.GetPreamble(), .. Utf32Le.GetBytes(Text(b, c))]);
        yield return Any("bom-utf16-bytes-utf8", (b, _) => [0xFF, 0xFE, .. b]);
        // Nets is ISO-8859-1: in UTF-8 every æ, ø, å takes two bytes and the record is longer than 80.
        yield return new Mutation("utf8-instead-of-latin1", MutationScope.Nets, (b, _) => Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(b)));
        // The XML seeds declare UTF-8: Latin-1 bytes for æ, ø, å are invalid UTF-8 sequences.
        yield return new Mutation("latin1-instead-of-utf8", MutationScope.Xml, (b, _) => Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(b)));
        yield return new Mutation("windows1252-smart-quotes", MutationScope.Any, (b, c) => GenericMutations.Insert(b, c.Random.Next(b.Length), [0x93, 0x80, 0x94]));
    }

    private static Mutation Any(string name, Func<byte[], MutationContext, byte[]> apply) => new(name, MutationScope.Any, apply);

    private static string Text(byte[] b, MutationContext c) => c.Seed.IsNets ? Encoding.Latin1.GetString(b) : Encoding.UTF8.GetString(b);
}
