using System.Text;
using Bankflow.LocalHost.Demo;

namespace Bankflow.LocalHost.Tests.EndToEnd;

[Collection(LocalStack.Collection)]
public sealed class NetsImportTests(LocalStack stack)
{
    private static readonly DateOnly Day = new(2026, 11, 19);

    [Fact]
    public async Task Every_ocr_transaction_becomes_a_bank_entry_with_its_kid_and_a_stable_id()
    {
        var client = LocalStack.NewClient();
        await stack.DropAsync($"{client}/nets/OCR.txt", DemoFiles.OcrGiro(Day, 7));
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Imported", import.GetString("Status"));
        Assert.Equal(3, import.GetInt32("EntryCount"));
        var rows = (await stack.RowsWithPrefixAsync("BankEntries", client)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        Assert.Equal(["ocr:7:1:1", "ocr:7:1:2", "ocr:7:1:3"], rows.Select(r => r.GetString("EntryId")));
        Assert.Equal([125_000L, 49_950L, 1_234_567L], rows.Select(r => r.GetInt64("AmountOre")!.Value));
        Assert.All(rows, r => Assert.Equal($"{client}|{DemoFiles.ClientAccount}|202611", r.PartitionKey));
        Assert.All(rows, r => Assert.Equal("2026-11-19", r.GetString("BookingDate")));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.GetString("Kid"))));
    }

    [Fact]
    public async Task The_same_shipment_number_with_other_content_is_quarantined_and_imports_nothing()
    {
        var client = LocalStack.NewClient();
        await stack.DropAsync($"{client}/nets/a.txt", DemoFiles.OcrGiro(Day, 8));
        await stack.PumpAsync();
        // Same transmission number 8, another day: other content.
        var other = DemoFiles.OcrGiro(Day.AddDays(1), 8);
        await stack.DropAsync($"{client}/nets/b.txt", other);
        await stack.PumpAsync();

        var imports = await stack.RowsAsync("FileImports", client);
        var refused = Assert.Single(imports, r => r.GetString("Status") == "Quarantined");
        Assert.Contains("transmission 8 was already received with different content", refused.GetString("Reason"), StringComparison.Ordinal);
        Assert.Equal(3, (await stack.RowsWithPrefixAsync("BankEntries", client)).Count);
    }

    [Fact]
    public async Task The_same_shipment_redelivered_with_crlf_is_a_duplicate_not_a_conflict()
    {
        var client = LocalStack.NewClient();
        var lf = DemoFiles.OcrGiro(Day, 9);
        var crlf = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(lf).Replace("\n", "\r\n", StringComparison.Ordinal));
        await stack.DropAsync($"{client}/nets/lf.txt", lf);
        await stack.DropAsync($"{client}/nets/crlf.txt", crlf);
        await stack.PumpAsync();

        var imports = await stack.RowsAsync("FileImports", client);
        Assert.Equal(2, imports.Count);
        Assert.All(imports, r => Assert.Equal("Imported", r.GetString("Status")));
        Assert.Equal(3, (await stack.RowsWithPrefixAsync("BankEntries", client)).Count);
    }

    [Fact]
    public async Task A_gap_in_shipment_numbers_raises_a_notification()
    {
        var client = LocalStack.NewClient();
        await stack.DropAsync($"{client}/nets/10.txt", DemoFiles.OcrGiro(Day, 10));
        await stack.PumpAsync();
        await stack.DropAsync($"{client}/nets/13.txt", DemoFiles.OcrGiro(Day.AddDays(3), 13));
        await stack.PumpAsync();

        var notification = Assert.Single(await stack.RowsAsync("Notifications", client));
        Assert.Equal("ShipmentGap", notification.GetString("Kind"));
        Assert.Contains("11–12", notification.GetString("Title"), StringComparison.Ordinal);
        Assert.Equal(2, (await stack.RowsAsync("FileImports", client)).Count(r => r.GetString("Status") == "Imported"));
    }

    [Fact]
    public async Task An_ocr_file_whose_totals_do_not_add_up_is_quarantined_with_line_and_field()
    {
        var client = LocalStack.NewClient();
        var text = Encoding.Latin1.GetString(DemoFiles.OcrGiro(Day, 11));
        // Transmission end (last line): change the total amount (positions 25–41) by one øre.
        var lines = text.TrimEnd('\n').Split('\n');
        var end = lines[^1];
        var total = long.Parse(end.AsSpan(24, 17), System.Globalization.CultureInfo.InvariantCulture);
        lines[^1] = string.Concat(end.AsSpan(0, 24), (total + 1).ToString("D17", System.Globalization.CultureInfo.InvariantCulture), end.AsSpan(41));
        await stack.DropAsync($"{client}/nets/bad.txt", Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n"));
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Quarantined", import.GetString("Status"));
        Assert.Contains($"line {lines.Length}", import.GetString("Reason"), StringComparison.Ordinal);
        Assert.Empty(await stack.RowsWithPrefixAsync("BankEntries", client));
        Assert.Single(await stack.RowsAsync("Notifications", client));
    }
}
