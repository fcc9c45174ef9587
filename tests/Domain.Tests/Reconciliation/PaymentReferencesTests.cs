using Bankflow.Domain.Reconciliation.References;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Reading invoice references out of payment messages, and nothing more than is there.</summary>
public sealed class PaymentReferencesTests
{
    [Theory]
    [InlineData("Faktura 10045", "10045")]
    [InlineData("FAKTURA10045", "10045")]
    [InlineData("fakt.nr 10045/10046", "10045|10046")]
    [InlineData("Fakt nr. 10045, 10046 og 10047", "10045|10046|10047")]
    [InlineData("f.nr 10045", "10045")]
    [InlineData("inv 10045", "10045")]
    [InlineData("Invoice no. 10045 + 10046", "10045|10046")]
    [InlineData("Fakturanr: 0010045", "0010045")]
    [InlineData("Faktura 10045 og faktura 10046", "10045|10046")]
    [InlineData("Betaling faktura #10045 kundenr 555", "10045")]
    public void Invoice_words_followed_by_numbers(string text, string expected)
    {
        var group = PaymentReferences.FromText(text);

        Assert.NotNull(group);
        Assert.Equal(ReferenceKind.InvoiceText, group.Kind);
        Assert.Equal(expected.Split('|'), group.Values);
        Assert.True(group.IsTyped);
    }

    [Theory]
    [InlineData("Faktura 10045-10047", "10045")] // a range is not read as a list
    [InlineData("Faktura 10045 10046", "10045")] // a space alone does not make a list
    public void Lists_need_an_explicit_separator(string text, string expected)
    {
        Assert.Equal([expected], PaymentReferences.FromText(text)!.Values);
    }

    [Theory]
    [InlineData("10045", "10045")]
    [InlineData(" 10045/10046 ", "10045|10046")]
    public void Message_of_numbers_only(string text, string expected)
    {
        var group = PaymentReferences.FromText(text)!;

        Assert.Equal(ReferenceKind.BareNumbers, group.Kind);
        Assert.Equal(expected.Split('|'), group.Values);
    }

    [Theory]
    [InlineData("Ordre 10045")]
    [InlineData("Husleie mars 2026")]
    [InlineData("Takk for maten")]
    [InlineData("fakturaen kommer")]
    [InlineData("f 10045")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("")]
    public void No_reference_where_there_is_none(string text)
    {
        Assert.Null(PaymentReferences.FromText(text));
    }

    [Fact]
    public void Kid_written_in_the_message()
    {
        var group = PaymentReferences.FromText("KID 0012345674")!;

        Assert.Equal(ReferenceKind.KidText, group.Kind);
        Assert.Equal(["0012345674"], group.Values);
    }

    [Theory]
    [InlineData("RF18539007547034", "539007547034")]
    [InlineData("Ref RF18 5390 0754 7034 takk", "539007547034")]
    [InlineData("rf18 5390 0754 7034", "539007547034")]
    public void Rf_reference_in_the_message(string text, string body)
    {
        var group = PaymentReferences.FromText(text)!;

        Assert.Equal(ReferenceKind.CreditorReference, group.Kind);
        Assert.Equal([body], group.Values);
        Assert.False(group.IsTyped);
    }

    [Fact]
    public void Rf_reference_with_a_wrong_check_is_not_taken()
    {
        Assert.Null(PaymentReferences.FromText("RF19539007547034"));
    }

    [Fact]
    public void Structured_references_come_before_the_text_and_the_kid_field_is_not_repeated()
    {
        var rf = RfCreditorReference.Create("A10045");
        var movement = Given.Payment("p1", 100, kid: "0012345674", text: "Faktura 99999") with
        {
            References = [new Domain.Reconciliation.StructuredReference("0012345674", "SCOR"), new Domain.Reconciliation.StructuredReference(rf, "SCOR")],
        };

        var group = PaymentReferences.Find(movement)!;

        Assert.Equal(ReferenceKind.CreditorReference, group.Kind);
        Assert.Equal(["A10045"], group.Values);
    }
}
