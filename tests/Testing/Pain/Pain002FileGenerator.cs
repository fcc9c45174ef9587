using System.Globalization;
using System.Security;
using System.Text;

namespace Bankflow.Testing.Pain;

/// <summary>One payment of the pain.001 a generated status report answers.</summary>
public sealed record AnsweredPayment(string EndToEndId, long AmountOre);

/// <summary>
/// Writes valid pain.002 status reports from a seed, answering one payment file: its batch id (OrgnlMsgId), its one
/// payment-information block and some or all of its payments. Varies what banks vary: version 001.03 or 001.10,
/// group status (ACTC, ACCP, ACSC, PART, RJCT), whether the original count and control sum are repeated, the
/// payment-information status, which payments are itemised, reason codes with Norwegian additional information,
/// and pretty-printed or one-line layout.
/// </summary>
public sealed class Pain002FileGenerator(int seed)
{
    private static readonly string[] Versions = ["001.03", "001.10"];
    private static readonly (string Code, string Text)[] Reasons =
    [
        ("AC01", "Mottakers kontonummer finnes ikke"),
        ("AM04", "Ikke dekning på konto"),
        ("AC04", "Kontoen er avsluttet"),
        ("NARR", "Betalingen er stoppet av banken"),
    ];

    private readonly Random _random = new(seed);

    public byte[] Generate(string batchId, IReadOnlyList<AnsweredPayment> payments, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(payments);
        var version = Versions[_random.Next(Versions.Length)];
        var indent = _random.Next(2) == 0;
        var nl = indent ? "\n" : "";
        var statuses = payments.Select(_ => _random.Next(4) switch { 0 => "RJCT", 1 => "ACSC", _ => "ACCP" }).ToList();
        var group = _random.Next(5) == 0 ? "ACTC"
            : statuses.All(s => s == "RJCT") ? "RJCT"
            : statuses.Contains("RJCT") ? "PART"
            : statuses.All(s => s == "ACSC") ? "ACSC" : "ACCP";
        var itemised = group == "ACTC" ? 0 : payments.Count;

        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").Append(nl);
        xml.Append(CultureInfo.InvariantCulture, $"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.{version}\">").Append(nl);
        xml.Append("<CstmrPmtStsRpt>").Append(nl);
        xml.Append(CultureInfo.InvariantCulture, $"<GrpHdr><MsgId>STS-{_random.Next(1_000_000)}</MsgId><CreDtTm>{createdAt:yyyy-MM-dd'T'HH:mm:ss}</CreDtTm>");
        xml.Append("<DbtrAgt><FinInstnId><BIC>DNBANOKK</BIC></FinInstnId></DbtrAgt></GrpHdr>").Append(nl);
        xml.Append(CultureInfo.InvariantCulture, $"<OrgnlGrpInfAndSts><OrgnlMsgId>{E(batchId)}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>");
        if (_random.Next(2) == 0)
        {
            var sum = payments.Sum(p => p.AmountOre);
            xml.Append(CultureInfo.InvariantCulture, $"<OrgnlNbOfTxs>{payments.Count}</OrgnlNbOfTxs><OrgnlCtrlSum>{sum / 100}.{sum % 100:D2}</OrgnlCtrlSum>");
        }
        xml.Append(CultureInfo.InvariantCulture, $"<GrpSts>{group}</GrpSts></OrgnlGrpInfAndSts>").Append(nl);
        if (itemised > 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<OrgnlPmtInfAndSts><OrgnlPmtInfId>{E(batchId)}-A</OrgnlPmtInfId>");
            if (_random.Next(2) == 0)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<PmtInfSts>{group}</PmtInfSts>");
            }
            xml.Append(nl);
            for (var i = 0; i < itemised; i++)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<TxInfAndSts><StsId>{i + 1}</StsId>");
                if (_random.Next(3) == 0)
                {
                    xml.Append(CultureInfo.InvariantCulture, $"<OrgnlInstrId>{E(batchId)}-{i + 1}</OrgnlInstrId>");
                }
                xml.Append(CultureInfo.InvariantCulture, $"<OrgnlEndToEndId>{E(payments[i].EndToEndId)}</OrgnlEndToEndId><TxSts>{statuses[i]}</TxSts>");
                if (statuses[i] == "RJCT")
                {
                    var (code, text) = Reasons[_random.Next(Reasons.Length)];
                    xml.Append(CultureInfo.InvariantCulture, $"<StsRsnInf><Rsn><Cd>{code}</Cd></Rsn><AddtlInf>{E(text)}</AddtlInf></StsRsnInf>");
                }
                xml.Append("</TxInfAndSts>").Append(nl);
            }
            xml.Append("</OrgnlPmtInfAndSts>").Append(nl);
        }
        xml.Append("</CstmrPmtStsRpt>").Append(nl).Append("</Document>").Append(nl);
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static string E(string text) => SecurityElement.Escape(text);
}
