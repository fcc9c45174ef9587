using Bankflow.Storage.Tables;

namespace Bankflow.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void Each_type_becomes_its_odata_literal()
    {
        var when = new DateTimeOffset(2026, 1, 31, 13, 14, 15, TimeSpan.FromHours(1)).AddTicks(1);
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal(
            "S eq 'O''Brien' and C eq 'x' and I eq -5 and L eq 3000000000L and D eq 3.0 and F eq 0.25 and B eq true and N eq false and " +
            "T eq datetime'2026-01-31T12:14:15.0000001Z' and G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and X eq X'00abff'",
            TableFilter.Create(
                $"S eq {"O'Brien"} and C eq {'x'} and I eq {-5} and L eq {3_000_000_000L} and D eq {3.0} and F eq {0.25} and B eq {true} and N eq {false} and T eq {when} and G eq {id} and X eq {new byte[] { 0, 0xAB, 0xFF }}"));
    }

    [Fact]
    public void A_string_value_cannot_break_out_of_its_literal()
    {
        const string attack = "x' or PartitionKey ne 'x";
        Assert.Equal("PartitionKey eq 'x'' or PartitionKey ne ''x'", TableFilter.Create($"PartitionKey eq {attack}"));
        Assert.Equal("Name eq 'Kåre Ødegård æøå'", TableFilter.Create($"Name eq {"Kåre Ødegård æøå"}"));
        Assert.Equal("Name eq ''''''", TableFilter.Create($"Name eq {"''"}"));
    }

    [Fact]
    public void A_filter_without_holes_and_braces_in_values_pass_through()
    {
        Assert.Equal("PartitionKey eq 'p'", TableFilter.Create($"PartitionKey eq 'p'"));
        Assert.Equal("Name eq '{0}'", TableFilter.Create($"Name eq {"{0}"}"));
        Assert.Equal("Name eq '{0}'", TableClient.CreateQueryFilter($"Name eq {"{0}"}"));
    }

    [Fact]
    public void Utc_datetime_is_accepted_and_others_are_refused()
    {
        Assert.Equal("T ge datetime'2026-01-01T00:00:00.0000000Z'", TableFilter.Create($"T ge {new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)}"));
        Assert.Contains("not UTC", Assert.Throws<ArgumentException>(() => TableFilter.Create($"T ge {new DateTime(2026, 1, 1)}")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_without_a_safe_literal_are_refused()
    {
        string? missing = null;
        Assert.Contains("value 0 is null", Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {missing}")).Message, StringComparison.Ordinal);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {double.NaN}")).Message, StringComparison.Ordinal);
        Assert.Contains("Decimal", Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {1.5m}")).Message, StringComparison.Ordinal);
        Assert.Contains("value 1", Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {1} and B eq {new object()}")).Message, StringComparison.Ordinal);
        Assert.Contains("format specifier 'N2'", Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {1.5:N2}")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => TableFilter.Create(null!));
    }

    [Fact]
    public void Literal_formats_one_value()
    {
        Assert.Equal("42L", TableFilter.Literal(42L));
        Assert.Equal("'it''s'", TableFilter.Literal("it's"));
        Assert.Equal("1E+300", TableFilter.Literal(1e300));
    }
}
