using System.Text;

namespace Bankflow.Testing.HostileInput;

/// <summary>
/// Mutations of the XML seeds: entity tricks (DTDs, external entities, billion laughs), deep nesting, huge values,
/// names and attribute lists, broken structure, hostile values in amounts, dates, counts, codes and ids, sums that
/// no longer add up, foreign namespaces, and declarations that lie about the encoding.
/// </summary>
internal static class XmlMutations
{
    private static readonly string[] Amounts = ["Amt", "InstdAmt", "TtlAmt", "Sum", "TtlNetNtryAmt", "OrgnlCtrlSum", "TtlChrgsAndTaxAmt"];
    private static readonly string[] Dates = ["Dt", "CreDtTm", "DtTm"];
    private static readonly string[] Counts = ["NbOfTxs", "NbOfNtries", "OrgnlNbOfTxs", "ElctrncSeqNb", "LglSeqNb"];
    private static readonly string[] Ids = ["MsgId", "NtryRef", "AcctSvcrRef", "EndToEndId", "InstrId", "OrgnlMsgId", "OrgnlEndToEndId", "OrgnlPmtInfId", "Ref", "Id"];
    private static readonly string[] Texts = ["Nm", "Ustrd", "AddtlInf", "AddtlNtryInf", "MsgId"];
    private static readonly string[] Repeating = ["Ntry", "TxInfAndSts", "TxDtls", "Bal", "Stmt", "Ntfctn", "StsRsnInf"];
    private static readonly SeedKind[] Camt = [SeedKind.Camt053, SeedKind.Camt054];
    private static readonly SeedKind[] Pain = [SeedKind.Pain002];

    private const string BillionLaughs = """
        <!DOCTYPE Document [
          <!ENTITY a "aaaaaaaaaa">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
          <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
          <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
          <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
          <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
          <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
          <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
        ]>
        """;

    public static IEnumerable<Mutation> All()
    {
        // ---- entity tricks ----
        yield return Xml("doctype-billion-laughs", (t, c) => Use(XmlText.BeforeRoot(t, BillionLaughs), c, "&i;"));
        yield return Xml("doctype-external-entity-file", (t, c) => Use(XmlText.BeforeRoot(t, "<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"), c, "&xxe;"));
        yield return Xml("doctype-external-entity-http", (t, c) => Use(XmlText.BeforeRoot(t, "<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/steal\">]>"), c, "&xxe;"));
        yield return Xml("doctype-external-dtd", (t, _) => XmlText.BeforeRoot(t, "<!DOCTYPE Document SYSTEM \"http://127.0.0.1:9/evil.dtd\">"));
        yield return Xml("doctype-parameter-entity", (t, _) => XmlText.BeforeRoot(t, "<!DOCTYPE Document [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]>"));
        yield return Xml("doctype-without-declaration", (t, _) => "<!DOCTYPE Document [<!ENTITY a \"x\">]>\n" + XmlText.WithoutDeclaration(t));
        yield return Xml("undeclared-entity", (t, c) => Use(t, c, "&xxe;"));
        yield return Xml("char-ref-nul", (t, c) => Use(t, c, "&#0;"));
        yield return Xml("char-ref-surrogate", (t, c) => Use(t, c, "&#xD800;"));
        yield return Xml("char-ref-out-of-range", (t, c) => Use(t, c, "&#x110000;"));
        yield return Xml("char-ref-bidi-override", (t, c) => Use(t, c, "&#x202E;"));
        yield return Xml("char-ref-control-in-id", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Ids, v => v + "&#x1B;"));

        // ---- nesting, sizes ----
        yield return Xml("deep-nesting-10000", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), Nest(10_000)));
        yield return Xml("nesting-65-levels", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), Nest(65)));
        yield return Xml("deep-nesting-unclosed", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), string.Concat(Enumerable.Repeat("<x>", 100_000))));
        yield return Xml("huge-text-value", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Texts, _ => new string('A', GenericMutations.HugeLineBytes)));
        yield return Xml("long-text-value-900k", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Texts, _ => new string('B', 900_000)));
        yield return Xml("long-text-value-70k", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Texts, _ => string.Concat(Enumerable.Repeat("æøå ", 17_500))));
        yield return Xml("long-id-5000", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Ids, _ => new string('7', 5000)));
        yield return Xml("long-id-100k", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Ids, _ => new string('8', 100_000)));
        yield return Only("long-account-2000", Camt, (t, c) => InElement(t, c.Random, "Acct", s => XmlText.ReplaceLeafValue(s, c.Random, ["Id", "IBAN"], _ => new string('9', 2000))));
        yield return Only("long-entry-reference-2000", Camt, (t, c) => XmlText.ReplaceLeafValue(t, c.Random, ["AcctSvcrRef"], _ => new string('R', 2000)));
        yield return Xml("huge-attribute-value", (t, c) => XmlText.ReplaceLeaf(t, c.Random, Amounts, m => $"<{m.Groups["name"].Value} Ccy=\"{new string('N', GenericMutations.HugeLineBytes)}\">{m.Groups["value"].Value}</{m.Groups["name"].Value}>"));
        yield return Xml("many-attributes", (t, c) => XmlText.ReplaceLeaf(t, c.Random, null, m =>
            $"<{m.Groups["name"].Value}{string.Concat(Enumerable.Range(0, 20_000).Select(i => $" a{i}=\"{i}\""))}>{m.Groups["value"].Value}</{m.Groups["name"].Value}>"));
        yield return Xml("long-element-name", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), $"<{new string('N', 100_000)}/>"));
        yield return Xml("many-siblings-20000", (t, c) => XmlText.ReplaceLeaf(t, c.Random, Texts, m => string.Concat(Enumerable.Repeat(m.Value, Times(20_000, m.Length)))));
        yield return Xml("duplicate-attribute", (t, c) => XmlText.ReplaceLeaf(t, c.Random, Amounts, m => $"<{m.Groups["name"].Value} Ccy=\"NOK\" Ccy=\"SEK\">{m.Groups["value"].Value}</{m.Groups["name"].Value}>"));

        // ---- structure ----
        yield return Xml("repeated-element-2000-times", (t, c) =>
        {
            var repeated = XmlText.Repeated(t, Repeating);
            if (repeated is null)
            {
                return t;
            }
            var (start, length) = repeated.Value.Spans[c.Random.Next(repeated.Value.Spans.Count)];
            return XmlText.Insert(t, start + length, string.Concat(Enumerable.Repeat(t.Substring(start, length), Times(2000, length))));
        });
        yield return Xml("swap-repeated-elements", (t, c) => SwapOrDuplicate(t, c.Random, swap: true));
        yield return Xml("duplicate-repeated-element", (t, c) => SwapOrDuplicate(t, c.Random, swap: false));
        yield return Xml("remove-leaf", (t, c) => XmlText.ReplaceLeaf(t, c.Random, null, _ => ""));
        yield return Xml("remove-amount", (t, c) => XmlText.ReplaceLeaf(t, c.Random, Amounts, _ => ""));
        yield return Xml("remove-all-entries", (t, _) => RemoveAll(t, "Ntry", "TxInfAndSts"));
        yield return Xml("remove-group-header", (t, _) => RemoveAll(t, "GrpHdr"));
        yield return Xml("leaf-self-closed", (t, c) => XmlText.ReplaceLeaf(t, c.Random, null, m => $"<{m.Groups["name"].Value}/>"));
        yield return Xml("leaf-with-child-element", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, null, v => $"<Inner>{v}</Inner>"));
        yield return Xml("closing-tag-removed", (t, c) => XmlText.ReplaceLeaf(t, c.Random, null, m => m.Value[..m.Value.LastIndexOf("</", StringComparison.Ordinal)]));
        yield return Xml("closing-tag-renamed", (t, c) => XmlText.ReplaceLeaf(t, c.Random, null, m => m.Value[..m.Value.LastIndexOf("</", StringComparison.Ordinal)] + "</Wrong>"));
        yield return Xml("cdata-with-markup", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, null, _ => "<![CDATA[</Amt><Amt>1]]>"));
        yield return Xml("comment-and-pi-inside", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), "<!-- a comment --><?pi data?>"));
        yield return Xml("comment-with-double-dash", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), "<!-- a -- b -->"));
        yield return Xml("second-root-element", (t, _) => t + "\n<Document/>");
        yield return Xml("text-after-root", (t, _) => t + "\ntrailing garbage");
        yield return Xml("undeclared-prefix", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), "<x:Foo>1</x:Foo>"));
        yield return Xml("unknown-element-inside", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), "<Surprise><Amt Ccy=\"NOK\">1.00</Amt></Surprise>"));
        yield return Xml("stray-text-inside", (t, c) => XmlText.Insert(t, XmlText.InsideSomeElement(t, c.Random), "stray text"));

        // ---- hostile values ----
        yield return Xml("amount-hostile", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Amounts, _ => Pick(c.Random,
            "", " ", "-5.00", "1e10", "NaN", "12.345", "99999999999999999999999999.99", "1,00", "0x10", "١٢٣", "+1.00", "79228162514264337593543950336", " 100.00 ", "1.", ".5")));
        yield return Xml("amount-max-decimal", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Amounts, _ => "79228162514264337593543950335"));
        yield return Xml("amount-largest-money", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Amounts, _ => "92233720368547758.07"));
        yield return Xml("amount-plus-one-ore", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Amounts, PlusOneOre));
        yield return Xml("indicator-hostile", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, ["CdtDbtInd"], _ => Pick(c.Random, "", "XXXX", "crdt", "DBIT ", "CRDTDBIT")));
        yield return Xml("indicator-flipped", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, ["CdtDbtInd"], v => v == "CRDT" ? "DBIT" : "CRDT"));
        yield return Xml("date-hostile", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Dates, _ => Pick(c.Random,
            "2026-02-30", "0000-01-01", "9999-12-31T25:61:00", "", "yesterday", "2026-13-01", "-2026-01-01", "2026-01-01T00:00:00+99:00", "0001-01-01T00:00:00-14:00")));
        yield return Xml("count-hostile", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Counts, _ => Pick(c.Random, "-1", "99999999999", "1e3", "", "0", "2147483648", "１")));
        yield return Xml("count-plus-one", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Counts, v => long.TryParse(v, out var n) ? (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : v + "1"));
        yield return Xml("currency-hostile", (t, c) => XmlText.ReplaceLeaf(t, c.Random, Amounts, m =>
            $"<{m.Groups["name"].Value} Ccy=\"{Pick(c.Random, "", "NOKK", "XXX", "JPY", "nok", "BHD", "\u202ENOK")}\">{m.Groups["value"].Value}</{m.Groups["name"].Value}>"));
        yield return Xml("currency-missing", (t, c) => XmlText.ReplaceLeaf(t, c.Random, Amounts, m => $"<{m.Groups["name"].Value}>{m.Groups["value"].Value}</{m.Groups["name"].Value}>"));
        yield return Xml("id-with-key-characters", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Ids, v => v + Pick(c.Random, "/../", "|x", "#1", "?a=b", "%00", "\\", "\t")));
        yield return Xml("id-empty", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Ids, _ => ""));
        yield return Xml("id-whitespace", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Ids, v => $"  {v}\n"));
        yield return Xml("text-with-markup-characters", (t, c) => XmlText.ReplaceLeafValue(t, c.Random, Texts, _ => "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ø"));
        yield return new Mutation("invalid-utf8-in-value", MutationScope.Xml, (b, c) => InvalidUtf8(b, c.Random));

        // ---- namespace, root, declaration ----
        yield return Xml("namespace-unknown-version", (t, _) => ReplaceNamespaceVersion(t, "001.99"));
        yield return Xml("namespace-old-version", (t, _) => ReplaceNamespaceVersion(t, "001.01"));
        yield return Xml("namespace-removed", (t, _) => RemoveRootNamespace(t));
        yield return Xml("namespace-prefixed", (t, _) => Prefixed(t));
        yield return Xml("child-namespace-redefined", (t, _) => RedefineMessageNamespace(t));
        yield return Xml("root-renamed", (t, _) => t.Replace("<Document", "<Dokument", StringComparison.Ordinal).Replace("</Document>", "</Dokument>", StringComparison.Ordinal));
        yield return Xml("message-element-renamed", (t, _) => RenameMessage(t));
        yield return Xml("declaration-says-utf16", (t, _) => t.Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal));
        yield return Xml("declaration-bogus-encoding", (t, _) => t.Replace("encoding=\"UTF-8\"", "encoding=\"x-bogus-42\"", StringComparison.Ordinal));
        yield return Xml("declaration-says-latin1", (t, _) => t.Replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", StringComparison.Ordinal));
        yield return Xml("declaration-not-first", (t, _) => "\n  " + t);
        yield return Xml("declaration-twice", (t, _) => XmlText.BeforeRoot(t, "<?xml version=\"1.0\"?>"));
        yield return Xml("declaration-version-2", (t, _) => t.Replace("version=\"1.0\"", "version=\"2.0\"", StringComparison.Ordinal));
        yield return Xml("declaration-removed", (t, _) => XmlText.WithoutDeclaration(t));

        // ---- camt: balances and summaries that do not add up ----
        yield return Only("balance-off-by-one-ore", Camt, (t, c) => InElement(t, c.Random, "Bal", s => XmlText.ReplaceLeafValue(s, c.Random, ["Amt"], PlusOneOre)));
        yield return Only("batch-total-off", Camt, (t, c) => InElement(t, c.Random, "Btch", s => XmlText.ReplaceLeafValue(s, c.Random, ["TtlAmt"], PlusOneOre)));
        yield return Only("summary-sum-off", Camt, (t, c) => InElement(t, c.Random, "TxsSummry", s => XmlText.ReplaceLeafValue(s, c.Random, ["Sum"], PlusOneOre)));
        yield return Only("entry-status-hostile", Camt, (t, c) => InElement(t, c.Random, "Ntry", s => XmlText.ReplaceLeafValue(s, c.Random, ["Sts", "Cd"], _ => Pick(c.Random, "", "INFO", "BOOKED", "book"))));
        yield return Only("reversal-indicator-hostile", Camt, (t, c) => InElement(t, c.Random, "Ntry", s =>
            ReplaceFirst(s, "</CdtDbtInd>", $"</CdtDbtInd><RvslInd>{Pick(c.Random, "maybe", "1", "TRUE", "")}</RvslInd>")));
        yield return Only("statement-account-removed", Camt, (t, _) => RemoveAll(t, "Acct"));

        // ---- pain.002: statuses, links to the batch ----
        yield return Only("status-hostile", Pain, (t, c) => XmlText.ReplaceLeafValue(t, c.Random, ["TxSts", "GrpSts", "PmtInfSts"], _ => Pick(c.Random, "", "XXXX", "TOOLONG", "rjct", "ACCP ", "\u202EACC")));
        yield return Only("original-message-id-hostile", Pain, (t, c) => XmlText.ReplaceLeafValue(t, c.Random, ["OrgnlMsgId"], _ => Pick(c.Random, "", "FUZZ-2", "../../etc/passwd", new string('F', 40), "FUZZ-1 ", "fuzz-1", "FUZZ-1|x")));
        yield return Only("end-to-end-id-unknown", Pain, (t, c) => XmlText.ReplaceLeafValue(t, c.Random, ["OrgnlEndToEndId"], v => v + "-X"));
        yield return Only("end-to-end-id-removed", Pain, (t, c) => XmlText.ReplaceLeaf(t, c.Random, ["OrgnlEndToEndId"], _ => ""));
        yield return Only("same-payment-twice-conflicting", Pain, (t, c) => InElement(t, c.Random, "TxInfAndSts", s => s + s.Replace("<TxSts>ACCP</TxSts>", "<TxSts>RJCT</TxSts>", StringComparison.Ordinal)
            .Replace("<TxSts>ACSC</TxSts>", "<TxSts>RJCT</TxSts>", StringComparison.Ordinal).Replace("<TxSts>RJCT</TxSts>", "<TxSts>ACSC</TxSts>", StringComparison.Ordinal)));
        yield return Only("reason-code-hostile", Pain, (t, c) => XmlText.ReplaceLeafValue(t, c.Random, ["Cd"], _ => Pick(c.Random, "", "TOOLONGCODE", "AC01AC01", "\u202E01")));
        yield return Only("many-unknown-payments-3000", Pain, (t, c) => InElement(t, c.Random, "TxInfAndSts", s => string.Concat(Enumerable.Range(1, Times(3000, s.Length)).Select(i =>
            System.Text.RegularExpressions.Regex.Replace(s, "<OrgnlEndToEndId>[^<]*</OrgnlEndToEndId>", $"<OrgnlEndToEndId>NOT-OURS-{i}</OrgnlEndToEndId>")))));
        yield return Only("many-reasons-3000", Pain, (t, c) => InElement(t, c.Random, "TxInfAndSts", s => s.Replace("</TxInfAndSts>",
            string.Concat(Enumerable.Repeat("<StsRsnInf><Rsn><Cd>AC01</Cd></Rsn><AddtlInf>Mottakers kontonummer finnes ikke</AddtlInf></StsRsnInf>", 3000)) + "</TxInfAndSts>",
            StringComparison.Ordinal).Replace("<TxSts>ACCP</TxSts>", "<TxSts>RJCT</TxSts>", StringComparison.Ordinal).Replace("<TxSts>ACSC</TxSts>", "<TxSts>RJCT</TxSts>", StringComparison.Ordinal)));
        yield return Only("group-rejected", Pain, (t, _) => ReplaceFirstLeaf(t, "GrpSts", "RJCT"));
        yield return Only("message-element-twice", Pain, (t, _) => t.Replace("</CstmrPmtStsRpt>", "</CstmrPmtStsRpt><CstmrPmtStsRpt/>", StringComparison.Ordinal));
    }

    private static Mutation Xml(string name, Func<string, MutationContext, string> apply) =>
        new(name, MutationScope.Xml, (b, c) => XmlText.Encode(apply(XmlText.Decode(b), c)));

    private static Mutation Only(string name, SeedKind[] kinds, Func<string, MutationContext, string> apply) =>
        new(name, MutationScope.Xml, (b, c) => XmlText.Encode(apply(XmlText.Decode(b), c)), kinds);

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    /// <summary>
    /// How often to repeat a piece of <paramref name="length"/> characters: <paramref name="wanted"/>, fewer when that
    /// would pass a few MB (after stacked mutations the piece may already hold a huge value).
    /// </summary>
    private static int Times(int wanted, int length) => Math.Clamp(4 * 1024 * 1024 / Math.Max(1, length), 2, wanted);

    /// <summary>Puts an entity or character reference into a random text value.</summary>
    private static string Use(string text, MutationContext c, string reference) =>
        XmlText.ReplaceLeafValue(text, c.Random, Texts, v => v + reference);

    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth));

    private static string PlusOneOre(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (!decimal.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var amount))
        {
            return value + "1";
        }
        var decimals = dot < 0 ? 0 : value.Length - dot - 1;
        return (amount + 0.01m).ToString("F" + Math.Max(2, decimals), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string SwapOrDuplicate(string text, Random random, bool swap)
    {
        var repeated = XmlText.Repeated(text, Repeating, swap ? 2 : 1);
        if (repeated is null)
        {
            return text;
        }
        var spans = repeated.Value.Spans;
        var i = random.Next(spans.Count);
        if (!swap)
        {
            var (start, length) = spans[i];
            return XmlText.Insert(text, start + length, text.Substring(start, length));
        }
        // Two neighbours (same parent as far as these formats go): the later one first.
        i = Math.Min(i, spans.Count - 2);
        var (aStart, aLength) = spans[i];
        var (bStart, bLength) = spans[i + 1];
        return string.Concat(text[..aStart], text.Substring(bStart, bLength), text[(aStart + aLength)..bStart], text.Substring(aStart, aLength), text[(bStart + bLength)..]);
    }

    private static string RemoveAll(string text, params string[] names)
    {
        foreach (var name in names)
        {
            foreach (var (start, length) in XmlText.Elements(text, name).AsEnumerable().Reverse())
            {
                text = text.Remove(start, length);
            }
        }
        return text;
    }

    /// <summary>Applies <paramref name="change"/> to one random element named <paramref name="name"/> (the text unchanged when there is none).</summary>
    private static string InElement(string text, Random random, string name, Func<string, string> change)
    {
        var spans = XmlText.Elements(text, name);
        if (spans.Count == 0)
        {
            return text;
        }
        var (start, length) = spans[random.Next(spans.Count)];
        return string.Concat(text.AsSpan(0, start), change(text.Substring(start, length)), text.AsSpan(start + length));
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var i = text.IndexOf(what, StringComparison.Ordinal);
        return i < 0 ? text : string.Concat(text.AsSpan(0, i), with, text.AsSpan(i + what.Length));
    }

    private static string ReplaceFirstLeaf(string text, string name, string value)
    {
        var leaf = XmlText.Leaves(text, [name]).FirstOrDefault();
        if (leaf is null)
        {
            return text;
        }
        var v = leaf.Groups["value"];
        return string.Concat(text.AsSpan(0, v.Index), value, text.AsSpan(v.Index + v.Length));
    }

    private static string ReplaceNamespaceVersion(string text, string version) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"((?:camt|pain)\.\d{3}\.)\d{3}\.\d{2}", "${1}" + version);

    private static string RemoveRootNamespace(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "<Document xmlns=\"[^\"]*\"", "<Document");

    /// <summary>Every element with a prefix bound on the root: the same document for a namespace-aware reader.</summary>
    private static string Prefixed(string text)
    {
        var body = System.Text.RegularExpressions.Regex.Replace(text, @"<(/?)([A-Za-z][\w.-]*)", m => $"<{m.Groups[1].Value}d:{m.Groups[2].Value}");
        return body.Replace("<d:Document xmlns=", "<d:Document xmlns:d=", StringComparison.Ordinal);
    }

    private static string RedefineMessageNamespace(string text)
    {
        foreach (var message in new[] { "BkToCstmrStmt", "BkToCstmrDbtCdtNtfctn", "CstmrPmtStsRpt" })
        {
            text = text.Replace($"<{message}>", $"<{message} xmlns=\"urn:evil:other\">", StringComparison.Ordinal);
        }
        return text;
    }

    private static string RenameMessage(string text)
    {
        foreach (var (from, to) in new[] { ("BkToCstmrStmt", "BkToCstmrDbtCdtNtfctn"), ("BkToCstmrDbtCdtNtfctn", "BkToCstmrStmt"), ("CstmrPmtStsRpt", "CstmrCdtTrfInitn") })
        {
            if (text.Contains($"<{from}>", StringComparison.Ordinal))
            {
                return text.Replace($"<{from}>", $"<{to}>", StringComparison.Ordinal).Replace($"</{from}>", $"</{to}>", StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>Invalid UTF-8 (an overlong NUL, a lone surrogate, a stray continuation byte) inside a text value.</summary>
    private static byte[] InvalidUtf8(byte[] bytes, Random random)
    {
        var text = XmlText.Decode(bytes);
        var leaves = XmlText.Leaves(text, Texts);
        if (leaves.Count == 0)
        {
            return bytes;
        }
        var v = leaves[random.Next(leaves.Count)].Groups["value"];
        var at = Encoding.UTF8.GetByteCount(text.AsSpan(0, v.Index + v.Length));
        byte[][] bad = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]];
        return GenericMutations.Insert(bytes, at, bad[random.Next(bad.Length)]);
    }
}
