using Bankflow.Domain.Banking;
using Bankflow.Domain.Sbanken;
using static Bankflow.Domain.Tests.Sbanken.SbankenGiven;

namespace Bankflow.Domain.Tests.Sbanken;

public sealed class TransactionIdsTests
{
    [Fact]
    public void Identical_lines_on_one_day_are_kept_apart_and_stable_across_refetches()
    {
        // Two coffees at 39.00 with the same text on the same day: two real payments.
        var day = new[] { Line("2026-11-20", -39m, "KAFFEBAR"), Line("2026-11-20", 2500m, "Innbetaling", "15032080119"), Line("2026-11-20", -39m, "KAFFEBAR") };

        var first = TransactionIds.Assign(Operating, day);
        var again = TransactionIds.Assign(Operating, day.ToArray());

        Assert.Equal(3, first.Select(l => l.EntryId).Distinct().Count());
        Assert.Equal(first.Select(l => l.EntryId), again.Select(l => l.EntryId));
        Assert.EndsWith("-0", first[0].EntryId, StringComparison.Ordinal);
        Assert.EndsWith("-1", first[2].EntryId, StringComparison.Ordinal);
        Assert.Equal(first[0].EntryId[..^2], first[2].EntryId[..^2]);
        Assert.StartsWith(TransactionIds.Prefix, first[1].EntryId, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_identifying_field_changes_the_id()
    {
        var baseline = Line("2026-11-20", -39m, "KAFFEBAR", "15032080119");
        var variants = new[]
        {
            baseline,
            baseline with { AccountingDate = new DateOnly(2026, 11, 21) },
            baseline with { Amount = Bankflow.Domain.Values.Money.FromKroner(-39.01m) },
            baseline with { Text = "KAFFEBAR 2" },
            baseline with { OtherAccountNumber = "86011117947" },
        };
        var ids = variants.Select(v => TransactionIds.Assign(Operating, [v])[0].EntryId).ToList();
        ids.Add(TransactionIds.Assign(Salary, [baseline])[0].EntryId);

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Text_fields_cannot_be_forged_into_another_lines_key()
    {
        // Without length prefixes "A;" + "B" and "A" + ";B" could join to the same text.
        var a = Line("2026-11-20", -1m, "A;", "B");
        var b = Line("2026-11-20", -1m, "A", ";B");

        Assert.NotEqual(TransactionIds.Assign(Operating, [a])[0].EntryId, TransactionIds.Assign(Operating, [b])[0].EntryId);
    }

    [Fact]
    public void Reservations_are_not_booked_and_get_no_id_so_they_cannot_shift_the_index()
    {
        var withReservation = TransactionIds.Assign(Operating, [Line("2026-11-20", -39m, "KAFFEBAR", reservation: true), Line("2026-11-20", -39m, "KAFFEBAR")]);
        var without = TransactionIds.Assign(Operating, [Line("2026-11-20", -39m, "KAFFEBAR")]);

        Assert.Equal(without.Select(l => l.EntryId), withReservation.Select(l => l.EntryId));
    }

    [Fact]
    public void Lines_map_to_bank_entries_on_the_sbanken_channel()
    {
        var line = TransactionIds.Assign(Operating, [Line("2026-11-20", 2500.50m, " Innbetaling faktura 1001 ", " 15032080119 ") with { InterestDate = new DateOnly(2026, 11, 19) }])[0];
        var entry = SbankenEntryMapper.ToBankEntry(Operating, line);

        Assert.Equal(BankChannel.Sbanken, entry.Channel);
        Assert.Equal(line.EntryId, entry.EntryId);
        Assert.Equal(Operating, entry.Account);
        Assert.Equal(new DateOnly(2026, 11, 20), entry.BookingDate);
        Assert.Equal(new DateOnly(2026, 11, 19), entry.ValueDate);
        Assert.Equal(250050, entry.Amount.Ore);
        Assert.Equal("NOK", entry.Currency);
        Assert.Equal("Innbetaling faktura 1001", entry.Text);
        Assert.Equal("15032080119", entry.CounterpartyAccount);
    }
}
