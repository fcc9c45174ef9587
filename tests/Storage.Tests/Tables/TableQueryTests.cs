using Azure;
using Bankflow.Storage.Tables;
using Bankflow.Testing;
using static Bankflow.Storage.Tests.Tables.TableTestSupport;

namespace Bankflow.Storage.Tests.Tables;

[Collection(AzuriteFixture.Collection)]
public sealed class TableQueryTests(AzuriteFixture azurite)
{
    private static async Task InsertAsync(TableClient table, string partitionKey, int count)
    {
        for (var start = 0; start < count; start += 100)
        {
            var actions = Enumerable.Range(start, Math.Min(100, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partitionKey, i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i }))
                .ToList();
            await table.SubmitTransactionAsync(actions);
        }
    }

    [Fact]
    public async Task Pages_follow_continuation_tokens_and_return_every_row_once()
    {
        var table = await NewTableAsync(azurite);
        await InsertAsync(table, "p", 35);

        var pages = new List<Page<TableEntity>>();
        await foreach (var page in table.QueryAsync(maxPerPage: 10).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([10, 10, 10, 5], pages.Select(p => p.Values.Count));
        Assert.All(pages.Take(3), p => Assert.NotNull(p.ContinuationToken));
        Assert.Null(pages[^1].ContinuationToken);
        var rows = pages.SelectMany(p => p.Values).Select(e => e.GetInt32("N")!.Value).ToList();
        Assert.Equal(Enumerable.Range(0, 35), rows);
    }

    [Fact]
    public async Task Paging_can_resume_from_a_continuation_token_and_respects_the_page_size_hint()
    {
        var table = await NewTableAsync(azurite);
        await InsertAsync(table, "p", 25);
        var first = await table.QueryAsync(maxPerPage: 10).AsPages().FirstAsync();
        var rest = new List<TableEntity>();
        var sizes = new List<int>();
        await foreach (var page in table.QueryAsync(maxPerPage: 10).AsPages(first.ContinuationToken, pageSizeHint: 7))
        {
            sizes.Add(page.Values.Count);
            rest.AddRange(page.Values);
        }
        Assert.Equal([7, 7, 1], sizes);
        Assert.Equal(Enumerable.Range(10, 15), rest.Select(e => e.GetInt32("N")!.Value));
    }

    [Fact]
    public async Task Enumerating_the_pageable_yields_all_rows_across_partitions_over_more_than_one_service_page()
    {
        var table = await NewTableAsync(azurite);
        await InsertAsync(table, "a", 150);
        await InsertAsync(table, "b", 150);
        var count = 0;
        await foreach (var entity in table.QueryAsync(maxPerPage: 100))
        {
            count++;
        }
        Assert.Equal(300, count);
    }

    [Fact]
    public async Task Filters_with_typed_literals_select_the_right_rows()
    {
        var table = await NewTableAsync(azurite);
        var day = new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        for (var i = 0; i < 6; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", $"r{i}")
            {
                ["Amount"] = 3_000_000_000L + i,
                ["Count"] = i,
                ["Rate"] = i + 0.5,
                ["Booked"] = day.AddDays(i),
                ["Paid"] = i % 2 == 0,
                ["Ref"] = i == 4 ? id : Guid.Empty,
                ["Raw"] = new byte[] { (byte)i, 0xAB },
            });
        }

        async Task<string[]> Rows(FormattableString filter) => (await AllAsync(table, TableFilter.Create(filter))).Select(e => e.RowKey).ToArray();

        Assert.Equal(["r4", "r5"], await Rows($"Amount gt {3_000_000_003L}"));
        Assert.Equal(["r0", "r1"], await Rows($"Count lt {2}"));
        Assert.Equal(["r3", "r4", "r5"], await Rows($"Rate ge {3.0}"));
        Assert.Equal(["r0", "r1", "r2"], await Rows($"Booked lt {day.AddDays(3)}"));
        Assert.Equal(["r1", "r3", "r5"], await Rows($"Paid eq {false}"));
        Assert.Equal(["r4"], await Rows($"Ref eq {id}"));
        Assert.Equal(["r2"], await Rows($"Raw eq {new byte[] { 2, 0xAB }}"));
        Assert.Equal(["r5"], await Rows($"PartitionKey eq {"p"} and Count ge {5} and Paid eq {false}"));
    }

    [Fact]
    public async Task String_filters_with_quotes_spaces_and_norwegian_letters_match_exactly()
    {
        var table = await NewTableAsync(azurite);
        string[] names = ["O'Brien", "O''Brien", "Kåre Ødegård", "æøå ÆØÅ", "' or 1 eq 1 or Name eq '"];
        for (var i = 0; i < names.Length; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", $"r{i}") { ["Name"] = names[i] });
        }
        for (var i = 0; i < names.Length; i++)
        {
            var match = await AllAsync(table, TableFilter.Create($"Name eq {names[i]}"));
            Assert.Equal($"r{i}", Assert.Single(match).RowKey);
        }
    }

    [Fact]
    public async Task Select_returns_only_the_chosen_properties_but_keeps_keys()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2L, ["C"] = "c" });
        var row = Assert.Single(await table.QueryAsync(select: ["B", "C"]).ToListAsync());
        Assert.Equal("p", row.PartitionKey);
        Assert.Equal("r", row.RowKey);
        Assert.Equal(["B", "C"], row.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2L, row.GetInt64("B"));
        Assert.NotEqual(default, row.ETag);
    }

    [Fact]
    public async Task Query_of_a_missing_table_is_a_404_RequestFailedException()
    {
        var table = MissingTable(azurite);
        var e = await Assert.ThrowsAsync<RequestFailedException>(async () => await table.QueryAsync().ToListAsync());
        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task A_malformed_filter_is_a_400_RequestFailedException_with_the_filter_in_the_message()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r"));
        var e = await Assert.ThrowsAsync<RequestFailedException>(async () => await table.QueryAsync("Name eq eq").ToListAsync());
        Assert.Equal(400, e.Status);
        Assert.Contains("Name eq eq", e.Message, StringComparison.Ordinal);
    }
}
