using System.Globalization;
using System.Text;

namespace Bankflow.Testing.Camt;

/// <summary>
/// A lean camt.053: entries as many banks send them for an account with many small payments, without transaction
/// details (NtryRef, Amt, CdtDbtInd, Sts, BookgDt, ValDt, AcctSvcrRef, BkTxCd, AddtlNtryInf), about 580 bytes
/// each pretty-printed, so 100,000 entries make a 58 MB file. Valid (balances add up), seeded, written straight
/// to a stream. The rich content (details, parties, KIDs) is <see cref="CamtGenerator"/>'s; this one measures
/// the per-entry cost of reading and printing.
/// </summary>
public static class LeanCamtGenerator
{
    /// <summary>Writes the statement as UTF-8 to <paramref name="output"/> (left open).</summary>
    /// <param name="version">"001.02" … "001.13"; from 001.07 Sts is written as Sts/Cd.</param>
    public static void Write(Stream output, int entries, int seed = 2024, string version = "001.02", bool indent = true)
    {
        var statusChoice = string.CompareOrdinal(version, CamtGenerator.ChoiceShapesFrom) >= 0;
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var depth = 0;
        void Line()
        {
            if (indent)
            {
                w.Write('\n');
                for (var i = 0; i < depth; i++)
                {
                    w.Write("  ");
                }
            }
        }
        void Open(string name)
        {
            Line();
            w.Write('<');
            w.Write(name);
            w.Write('>');
            depth++;
        }
        void Close(string name)
        {
            depth--;
            Line();
            w.Write("</");
            w.Write(name);
            w.Write('>');
        }
        void Leaf(string name, string value)
        {
            Line();
            w.Write($"<{name}>{value}</{name}>");
        }
        void Amount(string name, long hundredths)
        {
            Line();
            w.Write(string.Create(CultureInfo.InvariantCulture, $"<{name} Ccy=\"NOK\">{hundredths / 100}.{hundredths % 100:D2}</{name}>"));
        }

        // Amounts are drawn twice from the same seed: once for the balances (before the entries), once to write.
        long net = 0;
        var sums = new Random(seed);
        for (var i = 0; i < entries; i++)
        {
            var (amount, credit, _) = Draw(sums);
            net += credit ? amount : -amount;
        }
        var opening = 10_000_000_00L;
        const string date = "2024-05-24";
        const string account = "86011117947";

        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Line();
        w.Write($"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.{version}\">");
        depth++;
        Open("BkToCstmrStmt");
        Open("GrpHdr");
        Leaf("MsgId", $"LEAN{seed}-{entries}");
        Leaf("CreDtTm", "2024-05-24T23:40:00+02:00");
        Close("GrpHdr");
        Open("Stmt");
        Leaf("Id", $"{account}.20240524");
        Leaf("ElctrncSeqNb", "145");
        Leaf("CreDtTm", "2024-05-24T23:30:00+02:00");
        Open("Acct");
        Open("Id");
        Open("Othr");
        Leaf("Id", account);
        Open("SchmeNm");
        Leaf("Cd", "BBAN");
        Close("SchmeNm");
        Close("Othr");
        Close("Id");
        Leaf("Ccy", "NOK");
        Close("Acct");
        foreach (var (type, balance) in new[] { ("OPBD", opening), ("CLBD", opening + net) })
        {
            Open("Bal");
            Open("Tp");
            Open("CdOrPrtry");
            Leaf("Cd", type);
            Close("CdOrPrtry");
            Close("Tp");
            Amount("Amt", Math.Abs(balance));
            Leaf("CdtDbtInd", balance < 0 ? "DBIT" : "CRDT");
            Open("Dt");
            Leaf("Dt", date);
            Close("Dt");
            Close("Bal");
        }
        var draws = new Random(seed);
        for (var i = 1; i <= entries; i++)
        {
            var (amount, credit, payer) = Draw(draws);
            Open("Ntry");
            Leaf("NtryRef", i.ToString(CultureInfo.InvariantCulture));
            Amount("Amt", amount);
            Leaf("CdtDbtInd", credit ? "CRDT" : "DBIT");
            if (statusChoice)
            {
                Open("Sts");
                Leaf("Cd", "BOOK");
                Close("Sts");
            }
            else
            {
                Leaf("Sts", "BOOK");
            }
            Open("BookgDt");
            Leaf("Dt", date);
            Close("BookgDt");
            Open("ValDt");
            Leaf("Dt", date);
            Close("ValDt");
            Leaf("AcctSvcrRef", string.Create(CultureInfo.InvariantCulture, $"{i:D9}"));
            Open("BkTxCd");
            Open("Domn");
            Leaf("Cd", "PMNT");
            Open("Fmly");
            Leaf("Cd", credit ? "RCDT" : "ICDT");
            Leaf("SubFmlyCd", "DMCT");
            Close("Fmly");
            Close("Domn");
            Close("BkTxCd");
            Leaf("AddtlNtryInf", credit ? $"Giro fra {payer}" : $"Giro til {payer}");
            Close("Ntry");
        }
        Close("Stmt");
        Close("BkToCstmrStmt");
        depth--;
        Line();
        w.Write("</Document>");
        Line();
    }

    private static readonly string[] Payers = ["Ola Nordmann", "Kari Hansen", "Per Olsen", "Åse Berg", "Øystein Dahl", "Strømleverandør AS"];

    private static (long Amount, bool Credit, string Payer) Draw(Random r) =>
        (100 + r.Next(0, 5_000_000), r.Next(5) != 0, Payers[r.Next(Payers.Length)]);
}
