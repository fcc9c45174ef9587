using System.Security.Cryptography;
using System.Text;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Mapping;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Testing.Nets;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>
/// What the streaming Nets import builds on: the shipment content hash fed piece by piece equals the hash of the
/// whole file, however the file is cut; the entries mapped from the reader's visitor equal those of the loaded document.
/// </summary>
public sealed class NetsStreamingImportPartsTests
{
    /// <summary>The content hash as it was computed over the whole file before it could be fed in pieces.</summary>
    private static string WholeFileHash(ReadOnlySpan<byte> file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var range in file.Split((byte)'\n'))
        {
            var line = file[range];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }
            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }
            hash.AppendData(line);
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string InPieces(byte[] file, Random random)
    {
        using var hash = new ShipmentContentHash();
        var at = 0;
        while (at < file.Length)
        {
            var length = Math.Min(file.Length - at, random.Next(0, 5) == 0 ? random.Next(0, 3) : random.Next(1, 200));
            hash.Append(file.AsSpan(at, length));
            at += length;
        }
        return hash.Finish();
    }

    [Fact]
    public void The_hash_fed_in_pieces_is_the_hash_of_the_whole_file()
    {
        var random = new Random(15);
        string[] parts = ["\r", "\n", "\r\n", " ", "  ", "NY0000", "x", "\r\r", " \r\n", "\n\n", "NY09103000000013101260131100001"];
        for (var i = 0; i < 2000; i++)
        {
            var builder = new StringBuilder();
            for (var p = random.Next(0, 30); p > 0; p--)
            {
                builder.Append(parts[random.Next(parts.Length)]);
            }
            var file = Encoding.Latin1.GetBytes(builder.ToString());
            Assert.Equal(WholeFileHash(file), InPieces(file, random));
            Assert.Equal(WholeFileHash(file), ShipmentTracking.ContentHash(file));
        }
        var generated = new OcrFileGenerator(3).Generate(new OcrGeneratorOptions { Assignments = 3, NewLine = "\r\n" }).Content;
        Assert.Equal(WholeFileHash(generated), InPieces(generated, random));
    }

    [Fact]
    public void Entries_mapped_as_the_file_streams_are_the_entries_of_the_loaded_document()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var file = new OcrFileGenerator(seed).Generate(new OcrGeneratorOptions { Assignments = 4, MinTransactions = 1, MaxTransactions = 30 }).Content;
            var loaded = OcrBankEntries.Map(NetsDocument.Load(file));
            var visitor = new Mapping();

            var summary = NetsReader.Read(new MemoryStream(file), visitor);

            Assert.True(summary.IsValid);
            Assert.Equal(loaded, visitor.Entries);
        }
    }

    private sealed class Mapping : INetsVisitor
    {
        private TransmissionStartRecord _transmission;
        private AssignmentStartRecord _assignment;

        public List<BankEntry> Entries { get; } = [];

        public void TransmissionStart(in TransmissionStartRecord record, int line) => _transmission = record;

        public void AssignmentStart(in AssignmentStartRecord record, int line) => _assignment = record;

        public void Transaction(in OcrTransactionRecords transaction) => Entries.Add(OcrBankEntries.ToBankEntry(_transmission, _assignment, transaction));
    }
}
