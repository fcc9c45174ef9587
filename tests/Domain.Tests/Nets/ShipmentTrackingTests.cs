using System.Text;
using Bankflow.Domain.Nets.Mapping;

namespace Bankflow.Domain.Tests.Nets;

public sealed class ShipmentTrackingTests
{
    private static readonly Dictionary<int, string> Seen = new() { [41] = "aaa", [42] = "bbb" };

    [Fact]
    public void Next_number_is_new_without_gap()
    {
        var decision = ShipmentTracking.Classify(Seen, 43, "ccc");

        Assert.Equal(ShipmentStatus.New, decision.Status);
        Assert.Null(decision.Gap);
    }

    [Fact]
    public void Same_number_same_content_is_a_duplicate()
    {
        Assert.Equal(ShipmentStatus.Duplicate, ShipmentTracking.Classify(Seen, 42, "bbb").Status);
    }

    [Fact]
    public void Same_number_other_content_is_a_conflict_with_a_reason()
    {
        var decision = ShipmentTracking.Classify(Seen, 42, "zzz");

        Assert.Equal(ShipmentStatus.Conflict, decision.Status);
        Assert.Contains("42", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("different content", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_numbers_after_the_highest_are_a_gap()
    {
        var decision = ShipmentTracking.Classify(Seen, 46, "ddd");

        Assert.Equal(ShipmentStatus.New, decision.Status);
        Assert.Equal(new ShipmentGap(43, 45), decision.Gap);
        Assert.Equal(3, decision.Gap!.Value.Count);
    }

    [Fact]
    public void First_file_and_late_arrivals_have_no_gap()
    {
        Assert.Null(ShipmentTracking.Classify(new Dictionary<int, string>(), 7, "x").Gap);
        Assert.Null(ShipmentTracking.Classify(Seen, 40, "x").Gap);
    }

    [Fact]
    public void Content_hash_ignores_line_endings_and_final_newline_but_not_content()
    {
        var lf = Encoding.Latin1.GetBytes("NY000010\nNY000089\n");
        var crlf = Encoding.Latin1.GetBytes("NY000010\r\nNY000089");
        var other = Encoding.Latin1.GetBytes("NY000010\nNY000088\n");

        Assert.Equal(ShipmentTracking.ContentHash(lf), ShipmentTracking.ContentHash(crlf));
        Assert.NotEqual(ShipmentTracking.ContentHash(lf), ShipmentTracking.ContentHash(other));
        Assert.Equal(64, ShipmentTracking.ContentHash(lf).Length);
    }
}
