using System.Text;
using Bankflow.Domain.Iso20022.Common;

namespace Bankflow.Domain.Tests.Camt;

public sealed class IsoCommonTests
{
    [Theory]
    [InlineData("1250.00", 2, 125000)]
    [InlineData("6.3", 2, 630)]
    [InlineData("500000", 2, 50000000)]
    [InlineData("0.01", 2, 1)]
    [InlineData(".5", 2, 50)]
    [InlineData("10.500", 2, 1050)]
    [InlineData(" 7.00 ", 2, 700)]
    [InlineData("2700", 0, 270000)]
    [InlineData("9999999999999999.99", 2, 999999999999999999)]
    [InlineData("0000000000001.5", 2, 150)]
    public void Valid_amounts_parse_to_hundredths(string text, int maxDecimals, long expected)
    {
        Assert.True(IsoAmount.TryParseHundredths(text, maxDecimals, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.345", 2)]
    [InlineData("1.5", 0)]
    [InlineData("1e5", 2)]
    [InlineData("1 000.00", 2)]
    [InlineData("", 2)]
    [InlineData(".", 2)]
    [InlineData("-1.00", 2)]
    [InlineData("1.2.3", 2)]
    [InlineData("١٢", 2)]
    [InlineData("99999999999999999.99", 2)] // 19 digits: over the 18 the schema allows
    [InlineData("999999999999999999", 0)] // 18 digits, but hundredths would overflow a long
    public void Invalid_amounts_fail_with_a_reason(string text, int maxDecimals)
    {
        Assert.False(IsoAmount.TryParseHundredths(text, maxDecimals, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("NOK", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("ISK", 0)]
    [InlineData("KWD", 2)] // ISO says 3; Bankflow keeps hundredths
    [InlineData("XYZ", 2)]
    public void Max_decimals_follow_ISO_4217_capped_at_two(string currency, int expected) =>
        Assert.Equal(expected, CurrencyMinorUnits.MaxDecimals(currency));

    [Theory]
    [InlineData("2024-05-24", true)]
    [InlineData("2024-05-24+02:00", true)]
    [InlineData("2024-02-30", false)]
    [InlineData("2024-5-24", false)]
    [InlineData("2024-05-24T10:00:00", false)]
    public void Dates(string text, bool valid) => Assert.Equal(valid, IsoDate.TryParseDate(text, out _));

    [Theory]
    [InlineData("2024-05-24T18:05:12+02:00", true)]
    [InlineData("2024-05-24T18:05:12.123Z", true)]
    [InlineData("2024-05-24T18:05:12", true)]
    [InlineData("2024-05-24 18:05:12", false)]
    [InlineData("2024-05-24T25:00:00", false)]
    public void Date_times(string text, bool valid) => Assert.Equal(valid, IsoDate.TryParseDateTime(text, out _));

    [Fact]
    public void Date_time_keeps_the_calendar_date_as_written()
    {
        Assert.True(IsoDate.TryParseDateTime("2024-05-24T23:30:00-05:00", out var date));
        Assert.Equal(new DateOnly(2024, 5, 24), date);
    }

    [Fact]
    public void Guard_passes_ordinary_xml_and_stops_a_long_run_without_markup_even_inside_one_read()
    {
        var ok = Encoding.UTF8.GetBytes("<a>" + new string('x', 900) + "</a>");
        using (var guard = new MarkupGapGuardStream(new MemoryStream(ok), 1000))
        {
            var buffer = new byte[4096];
            Assert.Equal(ok.Length, guard.Read(buffer, 0, buffer.Length));
        }
        var bad = Encoding.UTF8.GetBytes("<a>" + new string('x', 1500) + "</a>");
        using (var guard = new MarkupGapGuardStream(new MemoryStream(bad), 1000))
        {
            var buffer = new byte[4096];
            var ex = Assert.Throws<XmlTokenTooLongException>(() => guard.Read(buffer, 0, buffer.Length));
            Assert.Equal(1000, ex.Limit);
        }
        // Split over reads: the gap is carried from one read to the next.
        using (var guard = new MarkupGapGuardStream(new MemoryStream(bad), 1000))
        {
            var buffer = new byte[100];
            Assert.Throws<XmlTokenTooLongException>(() =>
            {
                while (guard.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            });
        }
    }
}
