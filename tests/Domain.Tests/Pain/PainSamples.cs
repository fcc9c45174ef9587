using System.Xml;
using System.Xml.Schema;
using Bankflow.Testing;

namespace Bankflow.Domain.Tests.Pain;

/// <summary>Paths into ../shared/reference (only used by [SharedReferenceFact] tests) and XSD validation.</summary>
internal static class PainSamples
{
    public static string Path(string relative) =>
        System.IO.Path.Combine(RepositoryPaths.SharedReference ?? throw new InvalidOperationException(RepositoryPaths.SharedReferenceMissing), relative);

    public const string Pain001V03 = "pain.001/samples/synthetic-norway/SYNTHETIC_pain.001.001.03_NO_kid_freetext_invoice.xml";
    public const string Pain001V09 = "pain.001/samples/synthetic-norway/SYNTHETIC_pain.001.001.09_NO_minimal_kid_and_freetext.xml";
    public const string Pain001IsoMdr = "pain.001/samples/iso-mdr_pain.001.001.03_example.xml";
    public const string Pain002Actc = "pain.002/samples/synthetic-norway/SYNTHETIC_pain.002.001.03_NO_1_file_ACTC.xml";
    public const string Pain002Part = "pain.002/samples/synthetic-norway/SYNTHETIC_pain.002.001.03_NO_2_PART_one_RJCT.xml";
    public const string Pain002V10 = "pain.002/samples/synthetic-norway/SYNTHETIC_pain.002.001.10_NO_RJCT_and_ACSC.xml";
    public const string Pain002IsoAccp = "pain.002/samples/iso-mdr_pain.002.001.03_example1_ACCP.xml";
    public const string Pain002IsoRjct = "pain.002/samples/iso-mdr_pain.002.001.03_example2_RJCT.xml";
    public const string SwissPartAc01 = "pain.002/samples/swiss-six-variant/postfinance_pain002_PART_tx_RJCT_AC01.xml";
    public const string SwissGroupActc = "pain.002/samples/swiss-six-variant/postfinance_pain002_group_ACTC.xml";
    public const string SwissPmtInfNarr = "pain.002/samples/swiss-six-variant/postfinance_pain002_pmtinf_RJCT_NARR.xml";
    public const string SwissGroupAm10 = "pain.002/samples/swiss-six-variant/postfinance_pain002_group_RJCT_AM10.xml";

    public static FileStream Open(string relative) => File.OpenRead(Path(relative));

    /// <summary>Validates XML against one of the reference XSDs; returns every validation message (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateAgainstXsd(byte[] xml, string xsdRelative)
    {
        var safe = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        var schemas = new XmlSchemaSet { XmlResolver = null };
        using (var xsd = XmlReader.Create(Path(xsdRelative), safe))
        {
            schemas.Add(null, xsd);
        }
        var messages = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
        };
        settings.ValidationEventHandler += (_, e) => messages.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }
        return messages;
    }
}
