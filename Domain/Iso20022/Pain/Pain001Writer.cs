using System.Globalization;
using System.Text;
using System.Xml;
using Bankflow.Domain.Remittance;

namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>The pain.001 versions Bankflow writes.</summary>
public enum Pain001Version
{
    /// <summary>pain.001.001.03: the version most Norwegian bank MIGs still describe.</summary>
    V03,

    /// <summary>pain.001.001.09: ReqdExctnDt wraps a Dt, BIC is BICFI.</summary>
    V09,
}

/// <summary>
/// Writes a <see cref="PaymentBatch"/> as a pain.001 credit transfer initiation: one PmtInf per debtor account
/// and execution date, KID as a structured creditor reference (SCOR), free text as Ustrd, invoice numbers as a
/// referred document (CINV). Counts and control sums are computed from the payments; amounts are NOK with
/// '.' and two decimals; names are escaped by the XML writer.
/// </summary>
public static class Pain001Writer
{
    public static string Namespace(Pain001Version version) => version switch
    {
        Pain001Version.V03 => "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
        Pain001Version.V09 => "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09",
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    /// <summary>The debtor agent's BIC for the banks Bankflow knows; null for other banks (FinInstnId is then left empty).</summary>
    public static string? BicOf(Bank bank) => bank switch
    {
        Bank.Handelsbanken => "HANDNOKK",
        Bank.Dnb => "DNBANOKK",
        Bank.Sbanken => "SBAKNOKK",
        _ => null,
    };

    public static byte[] Write(PaymentBatch batch, Pain001Version version)
    {
        using var stream = new MemoryStream();
        Write(batch, version, stream);
        return stream.ToArray();
    }

    /// <summary>Writes UTF-8 XML (no byte-order mark) to <paramref name="output"/>; the stream is left open.</summary>
    public static void Write(PaymentBatch batch, Pain001Version version, Stream output)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);
        if (batch.Payments.Count == 0)
        {
            throw new ArgumentException("a payment file needs at least one payment", nameof(batch));
        }
        // The last line of defence: a text banks refuse is never written into a file (the builder refuses it first).
        if (PaymentBatchBuilder.CheckTexts(batch) is [var refused, ..])
        {
            throw new ArgumentException($"the batch cannot be written: {refused}", nameof(batch));
        }
        var ns = Namespace(version);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("Document", ns);
        xml.WriteStartElement("CstmrCdtTrfInitn", ns);

        xml.WriteStartElement("GrpHdr", ns);
        Element(xml, ns, "MsgId", batch.BatchId);
        Element(xml, ns, "CreDtTm", batch.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        Element(xml, ns, "NbOfTxs", batch.Payments.Count.ToString(CultureInfo.InvariantCulture));
        Element(xml, ns, "CtrlSum", batch.Total.ToString());
        WriteParty(xml, ns, batch.Debtor);
        xml.WriteEndElement();

        var bic = BicOf(batch.Bank);
        foreach (var group in batch.Groups())
        {
            WritePaymentInformation(xml, ns, version, batch, group, bic);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WritePaymentInformation(XmlWriter xml, string ns, Pain001Version version, PaymentBatch batch, PaymentGroup group, string? bic)
    {
        xml.WriteStartElement("PmtInf", ns);
        Element(xml, ns, "PmtInfId", group.PaymentInformationId);
        Element(xml, ns, "PmtMtd", "TRF");
        Element(xml, ns, "NbOfTxs", group.Payments.Count.ToString(CultureInfo.InvariantCulture));
        Element(xml, ns, "CtrlSum", group.Total.ToString());
        var date = group.RequestedExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (version == Pain001Version.V03)
        {
            Element(xml, ns, "ReqdExctnDt", date);
        }
        else
        {
            xml.WriteStartElement("ReqdExctnDt", ns);
            Element(xml, ns, "Dt", date);
            xml.WriteEndElement();
        }
        xml.WriteStartElement("Dbtr", ns);
        Element(xml, ns, "Nm", batch.Debtor.Name);
        WriteOrganisationId(xml, ns, batch.Debtor.OrganisationNumber.Value);
        xml.WriteEndElement();

        xml.WriteStartElement("DbtrAcct", ns);
        WriteBban(xml, ns, group.DebtorAccount.Value);
        Element(xml, ns, "Ccy", "NOK");
        xml.WriteEndElement();

        xml.WriteStartElement("DbtrAgt", ns);
        xml.WriteStartElement("FinInstnId", ns);
        if (bic is not null)
        {
            Element(xml, ns, version == Pain001Version.V03 ? "BIC" : "BICFI", bic);
        }
        xml.WriteEndElement();
        xml.WriteEndElement();

        foreach (var payment in group.Payments)
        {
            WriteTransaction(xml, ns, payment);
        }
        xml.WriteEndElement();
    }

    private static void WriteTransaction(XmlWriter xml, string ns, Payment payment)
    {
        xml.WriteStartElement("CdtTrfTxInf", ns);
        xml.WriteStartElement("PmtId", ns);
        Element(xml, ns, "InstrId", payment.InstructionId);
        Element(xml, ns, "EndToEndId", payment.EndToEndId);
        xml.WriteEndElement();

        xml.WriteStartElement("Amt", ns);
        xml.WriteStartElement("InstdAmt", ns);
        xml.WriteAttributeString("Ccy", "NOK");
        xml.WriteString(payment.Amount.ToString());
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("Cdtr", ns);
        Element(xml, ns, "Nm", payment.CreditorName);
        xml.WriteEndElement();

        xml.WriteStartElement("CdtrAcct", ns);
        if (payment.CreditorAccount.Iban is { } iban)
        {
            xml.WriteStartElement("Id", ns);
            Element(xml, ns, "IBAN", iban.Value);
            xml.WriteEndElement();
        }
        else
        {
            WriteBban(xml, ns, payment.CreditorAccount.Bban!.Value);
        }
        xml.WriteEndElement();

        xml.WriteStartElement("RmtInf", ns);
        switch (payment.Remittance)
        {
            case FreeText text:
                Element(xml, ns, "Ustrd", text.Text);
                break;
            case KidReference kid:
                xml.WriteStartElement("Strd", ns);
                xml.WriteStartElement("CdtrRefInf", ns);
                xml.WriteStartElement("Tp", ns);
                xml.WriteStartElement("CdOrPrtry", ns);
                Element(xml, ns, "Cd", "SCOR");
                xml.WriteEndElement();
                xml.WriteEndElement();
                Element(xml, ns, "Ref", kid.Kid.Value);
                xml.WriteEndElement();
                xml.WriteEndElement();
                break;
            case InvoiceReference invoice:
                xml.WriteStartElement("Strd", ns);
                xml.WriteStartElement("RfrdDocInf", ns);
                xml.WriteStartElement("Tp", ns);
                xml.WriteStartElement("CdOrPrtry", ns);
                Element(xml, ns, "Cd", "CINV");
                xml.WriteEndElement();
                xml.WriteEndElement();
                Element(xml, ns, "Nb", invoice.Number);
                xml.WriteEndElement();
                xml.WriteStartElement("RfrdDocAmt", ns);
                xml.WriteStartElement("RmtdAmt", ns);
                xml.WriteAttributeString("Ccy", "NOK");
                xml.WriteString(payment.Amount.ToString());
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndElement();
                break;
            default:
                throw new InvalidOperationException($"unknown remittance information {payment.Remittance.GetType().Name}");
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>InitgPty: the company's name and organisation number (OrgId/Othr, scheme CUST as in the Norwegian MIG samples).</summary>
    private static void WriteParty(XmlWriter xml, string ns, Debtor debtor)
    {
        xml.WriteStartElement("InitgPty", ns);
        Element(xml, ns, "Nm", debtor.Name);
        WriteOrganisationId(xml, ns, debtor.OrganisationNumber.Value);
        xml.WriteEndElement();
    }

    private static void WriteOrganisationId(XmlWriter xml, string ns, string organisationNumber)
    {
        xml.WriteStartElement("Id", ns);
        xml.WriteStartElement("OrgId", ns);
        xml.WriteStartElement("Othr", ns);
        Element(xml, ns, "Id", organisationNumber);
        xml.WriteStartElement("SchmeNm", ns);
        Element(xml, ns, "Cd", "CUST");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>A Norwegian account as Id/Othr/Id with SchmeNm/Cd BBAN.</summary>
    private static void WriteBban(XmlWriter xml, string ns, string account)
    {
        xml.WriteStartElement("Id", ns);
        xml.WriteStartElement("Othr", ns);
        Element(xml, ns, "Id", account);
        xml.WriteStartElement("SchmeNm", ns);
        Element(xml, ns, "Cd", "BBAN");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string ns, string name, string value) => xml.WriteElementString(name, ns, value);
}
