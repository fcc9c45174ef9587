using System.Globalization;
using System.Security;
using System.Text;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Tests.Reconciliation;

/// <summary>One incoming payment of a test camt.054: its bank reference and what the payer gave.</summary>
internal sealed record Credit(string Reference, long Ore, string? Kid = null, string? Rf = null, string? Text = null, string? Payer = null);

/// <summary>A camt.054.001.02 credit notification with one booked entry per payment (written here for the tests).</summary>
internal static class CamtCredits
{
    /// <summary>The client's bank account (valid MOD11).</summary>
    public const string Account = "86011117947";

    public static string EntryId(string reference) => $"camt:{Account}:{reference}";

    public static string KidFor(string body) => Kid.WithCheckDigit(body, KidCheck.Mod10);

    public static byte[] Notification(string messageId, DateOnly date, params Credit[] credits)
    {
        var d = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entries = new StringBuilder();
        foreach (var c in credits)
        {
            var amount = (c.Ore / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            var remittance = new StringBuilder();
            if (c.Text is not null)
            {
                remittance.Append(CultureInfo.InvariantCulture, $"<Ustrd>{SecurityElement.Escape(c.Text)}</Ustrd>");
            }
            if (c.Kid is not null)
            {
                remittance.Append(CultureInfo.InvariantCulture, $"<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{c.Kid}</Ref></CdtrRefInf></Strd>");
            }
            if (c.Rf is not null)
            {
                remittance.Append(CultureInfo.InvariantCulture, $"<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>{c.Rf}</Ref></CdtrRefInf></Strd>");
            }
            var payer = c.Payer is null ? "" : $"<RltdPties><Dbtr><Nm>{SecurityElement.Escape(c.Payer)}</Nm></Dbtr></RltdPties>";
            entries.Append(CultureInfo.InvariantCulture, $"""
                    <Ntry>
                      <Amt Ccy="NOK">{amount}</Amt>
                      <CdtDbtInd>CRDT</CdtDbtInd>
                      <Sts>BOOK</Sts>
                      <BookgDt><Dt>{d}</Dt></BookgDt>
                      <ValDt><Dt>{d}</Dt></ValDt>
                      <AcctSvcrRef>{c.Reference}-E</AcctSvcrRef>
                      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                      <NtryDtls><TxDtls>
                        <Refs><AcctSvcrRef>{c.Reference}</AcctSvcrRef></Refs>
                        <AmtDtls><TxAmt><Amt Ccy="NOK">{amount}</Amt></TxAmt></AmtDtls>
                        {payer}
                        <RmtInf>{remittance}</RmtInf>
                      </TxDtls></NtryDtls>
                    </Ntry>

                """);
        }
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
              <BkToCstmrDbtCdtNtfctn>
                <GrpHdr><MsgId>{messageId}</MsgId><CreDtTm>{d}T06:00:00</CreDtTm></GrpHdr>
                <Ntfctn>
                  <Id>{messageId}-N</Id>
                  <CreDtTm>{d}T06:00:00</CreDtTm>
                  <Acct><Id><Othr><Id>{Account}</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id><Ccy>NOK</Ccy></Acct>
            {entries}
                </Ntfctn>
              </BkToCstmrDbtCdtNtfctn>
            </Document>
            """;
        return Encoding.UTF8.GetBytes(xml);
    }
}
