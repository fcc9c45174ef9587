using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Tests.Remittance;

namespace Bankflow.Domain.Tests.Pain;

/// <summary>Names and texts of a payment stay within the character set Norwegian banks accept in pain.001.</summary>
public sealed class Pain001CharacterSetTests
{
    private static PaymentError SingleError(PaymentInstruction instruction)
    {
        var result = PaymentBatchBuilder.Build(Given.Request([instruction]));
        Assert.Null(result.Batch);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("Nord\u202EAS", "U+202E", "bidirectional")] // right-to-left override: "Nord" then "SA" read backwards
    [InlineData("Nord\u200FAS", "U+200F", "bidirectional")] // right-to-left mark
    [InlineData("Kaffe \U0001F600 AS", "U+1F600", "emoji")]
    [InlineData("Kaffe \u2615 AS", "U+2615", "emoji")]
    [InlineData("Tab\tAS", "U+0009", "control")]
    [InlineData("Line\u2028AS", "U+2028", "line break")]
    [InlineData("Café AS", "U+00E9", "'é'")]
    [InlineData("Müller GmbH", "U+00FC", "'ü'")]
    [InlineData("No\u00A0break", "U+00A0", "space")]
    public void A_creditor_name_outside_the_set_is_refused_with_the_field_and_the_code_point(string name, string codePoint, string kind)
    {
        var error = SingleError(Given.Text("E2E-1", 100m) with { CreditorName = name });

        Assert.Equal("creditorName", error.Field);
        Assert.Contains(codePoint, error.Reason, StringComparison.Ordinal);
        Assert.Contains(kind, error.Reason, StringComparison.Ordinal);
        Assert.Contains("æøåÆØÅ", error.Reason, StringComparison.Ordinal);
        // Invisible and reordering characters are named, never echoed.
        Assert.DoesNotContain('\u202E', error.Reason);
        Assert.DoesNotContain('\u200F', error.Reason);
        Assert.DoesNotContain('\t', error.Reason);
    }

    [Fact]
    public void Messages_and_invoice_numbers_are_checked_too_and_named_by_their_field()
    {
        Assert.Equal("text", SingleError(Given.Text("E2E-1", 100m, "Faktura \u202E711")).Field);
        Assert.Equal("text", SingleError(Given.Text("E2E-1", 100m, "Takk \U0001F44D")).Field);
        Assert.Equal("invoiceNumber", SingleError(Given.Invoice("E2E-1", 100m, "INV\u00AD88")).Field);
    }

    [Fact]
    public void The_paying_companys_name_is_checked()
    {
        var request = Given.Request([Given.Text("E2E-1", 100m)]) with { Debtor = new Debtor("Eksempel\u202E AS", Given.Org) };
        var error = Assert.Single(PaymentBatchBuilder.Build(request).Errors);
        Assert.Equal("debtor.name", error.Field);
        Assert.Contains("U+202E", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Blåbær og Øl AS")]
    [InlineData("ÆRLIG ÅS (avd. 2) - post/lager: 'nord', +47?")]
    [InlineData("Smith & Søn <Bergen> \"AS\"")]
    public void Norwegian_letters_the_latin_set_and_the_escaped_xml_characters_pass(string name)
    {
        Assert.True(PaymentBatchBuilder.Build(Given.Request([Given.Text("E2E-1", 100m, name) with { CreditorName = name }])).IsValid);
        Assert.Null(Pain001CharacterSet.Check(name));
    }

    [Fact]
    public void The_writer_refuses_a_batch_that_was_built_around_the_rule_and_writes_nothing()
    {
        var batch = Given.SampleBatch();
        var tampered = batch with { Payments = [batch.Payments[0] with { CreditorName = "Nord\u202EAS" }, .. batch.Payments.Skip(1)] };
        using var output = new MemoryStream();

        var error = Assert.Throws<ArgumentException>(() => Pain001Writer.Write(tampered, Pain001Version.V03, output));

        Assert.Contains("payments[0].creditorName", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
        Assert.Single(PaymentBatchBuilder.CheckTexts(tampered));
        Assert.Empty(PaymentBatchBuilder.CheckTexts(batch));
    }
}
