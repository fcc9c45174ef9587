using System.Xml;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>Element names atomized in the reader's name table, so the parser compares names by reference.</summary>
internal sealed class CamtNames(XmlNameTable table)
{
    public readonly string Document = table.Add("Document");
    public readonly string BkToCstmrStmt = table.Add("BkToCstmrStmt");
    public readonly string BkToCstmrDbtCdtNtfctn = table.Add("BkToCstmrDbtCdtNtfctn");
    public readonly string GrpHdr = table.Add("GrpHdr");
    public readonly string MsgId = table.Add("MsgId");
    public readonly string CreDtTm = table.Add("CreDtTm");
    public readonly string Stmt = table.Add("Stmt");
    public readonly string Ntfctn = table.Add("Ntfctn");
    public readonly string Id = table.Add("Id");
    public readonly string ElctrncSeqNb = table.Add("ElctrncSeqNb");
    public readonly string FrToDt = table.Add("FrToDt");
    public readonly string ToDtTm = table.Add("ToDtTm");
    public readonly string Acct = table.Add("Acct");
    public readonly string IBAN = table.Add("IBAN");
    public readonly string Othr = table.Add("Othr");
    public readonly string SchmeNm = table.Add("SchmeNm");
    public readonly string Cd = table.Add("Cd");
    public readonly string Prtry = table.Add("Prtry");
    public readonly string Ccy = table.Add("Ccy");
    public readonly string Bal = table.Add("Bal");
    public readonly string Tp = table.Add("Tp");
    public readonly string CdOrPrtry = table.Add("CdOrPrtry");
    public readonly string Amt = table.Add("Amt");
    public readonly string CdtDbtInd = table.Add("CdtDbtInd");
    public readonly string Dt = table.Add("Dt");
    public readonly string DtTm = table.Add("DtTm");
    public readonly string Ntry = table.Add("Ntry");
    public readonly string NtryRef = table.Add("NtryRef");
    public readonly string RvslInd = table.Add("RvslInd");
    public readonly string Sts = table.Add("Sts");
    public readonly string BookgDt = table.Add("BookgDt");
    public readonly string ValDt = table.Add("ValDt");
    public readonly string AcctSvcrRef = table.Add("AcctSvcrRef");
    public readonly string BkTxCd = table.Add("BkTxCd");
    public readonly string Domn = table.Add("Domn");
    public readonly string Fmly = table.Add("Fmly");
    public readonly string SubFmlyCd = table.Add("SubFmlyCd");
    public readonly string Issr = table.Add("Issr");
    public readonly string Chrgs = table.Add("Chrgs");
    public readonly string TtlChrgsAndTaxAmt = table.Add("TtlChrgsAndTaxAmt");
    public readonly string Rcrd = table.Add("Rcrd");
    public readonly string NtryDtls = table.Add("NtryDtls");
    public readonly string Btch = table.Add("Btch");
    public readonly string PmtInfId = table.Add("PmtInfId");
    public readonly string NbOfTxs = table.Add("NbOfTxs");
    public readonly string TtlAmt = table.Add("TtlAmt");
    public readonly string TxDtls = table.Add("TxDtls");
    public readonly string Refs = table.Add("Refs");
    public readonly string InstrId = table.Add("InstrId");
    public readonly string EndToEndId = table.Add("EndToEndId");
    public readonly string TxId = table.Add("TxId");
    public readonly string AmtDtls = table.Add("AmtDtls");
    public readonly string TxAmt = table.Add("TxAmt");
    public readonly string RltdPties = table.Add("RltdPties");
    public readonly string Dbtr = table.Add("Dbtr");
    public readonly string DbtrAcct = table.Add("DbtrAcct");
    public readonly string Cdtr = table.Add("Cdtr");
    public readonly string CdtrAcct = table.Add("CdtrAcct");
    public readonly string Pty = table.Add("Pty");
    public readonly string Nm = table.Add("Nm");
    public readonly string RmtInf = table.Add("RmtInf");
    public readonly string Ustrd = table.Add("Ustrd");
    public readonly string Strd = table.Add("Strd");
    public readonly string CdtrRefInf = table.Add("CdtrRefInf");
    public readonly string Ref = table.Add("Ref");
    public readonly string RtrInf = table.Add("RtrInf");
    public readonly string Rsn = table.Add("Rsn");
    public readonly string AddtlInf = table.Add("AddtlInf");
    public readonly string AddtlTxInf = table.Add("AddtlTxInf");
    public readonly string AddtlNtryInf = table.Add("AddtlNtryInf");
    public readonly string TxsSummry = table.Add("TxsSummry");
    public readonly string TtlNtries = table.Add("TtlNtries");
    public readonly string TtlCdtNtries = table.Add("TtlCdtNtries");
    public readonly string TtlDbtNtries = table.Add("TtlDbtNtries");
    public readonly string NbOfNtries = table.Add("NbOfNtries");
    public readonly string Sum = table.Add("Sum");
    public readonly string TtlNetNtryAmt = table.Add("TtlNetNtryAmt");
    public readonly string TtlNetNtry = table.Add("TtlNetNtry");

    /// <summary>Repeatable elements whose position is shown in diagnostic paths.</summary>
    public IEnumerable<string> Indexed => [Stmt, Ntfctn, Bal, Ntry, NtryDtls, TxDtls, Chrgs, Rcrd, Strd, Ustrd];
}
