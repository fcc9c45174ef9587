using System.Text;
using System.Text.Json;
using Bankflow.Domain.Values;
using Bankflow.Functions.Endpoints.Agreements;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Remittance;

/// <summary>
/// Issue #11 §3: <c>If-Match: garbage</c> on a PUT of agreement settings was a 500 (the text went to Table storage as
/// an ETag); <c>If-Match: *</c> on an account without settings created them. Now: 400 problem+json for anything that
/// is not an entity-tag, 412 for <c>*</c> when there is nothing to update, and <c>If-None-Match: *</c> creates only.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AgreementPreconditionTests(AzuriteFixture azurite)
{
    private const string Account = "86011117947";

    private static readonly string Settings = JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["bank"] = "Dnb",
        ["integrationMode"] = "Direct",
        ["payoutService"] = "BankIntegration",
        ["approvalMode"] = "AccountingApproved",
        ["avtaleId"] = "DNB-4711",
        ["dnbDivision"] = new { name = "Test AS", number = "001" },
        ["ledgerAccount"] = "1920",
        ["feeLedgerAccount"] = "7770",
        ["validFrom"] = "2024-01-15",
        ["organisationNumber"] = "974760673",
        ["companyName"] = "Test AS",
    });

    private static async Task<Answer> PutAsync(TestApp app, ClientId client, string? header = null, string? value = null)
    {
        var bytes = Encoding.UTF8.GetBytes(Settings);
        var context = app.Request("PUT", $"/api/clients/{client.Value}/agreements/{Account}", app.Token(client), new MemoryStream(bytes), bytes.Length);
        if (header is not null)
        {
            context.Request.Headers[header] = value;
        }
        return await TestApp.AnswerAsync(context, app.Function<AgreementsFunction>().RunAsync(context.Request, client.Value, Account));
    }

    private static async Task<Answer> GetAsync(TestApp app, ClientId client)
    {
        var context = app.Request("GET", $"/api/clients/{client.Value}/agreements/{Account}", app.Token(client));
        return await TestApp.AnswerAsync(context, app.Function<AgreementsFunction>().RunAsync(context.Request, client.Value, Account));
    }

    [Theory]
    [InlineData("If-Match", "garbage")]
    [InlineData("If-Match", "W/garbage")]
    [InlineData("If-Match", "\"unterminated")]
    [InlineData("If-Match", "\"a\", \"b\"")]
    [InlineData("If-Match", "\"with space\"")]
    [InlineData("If-Match", "**")]
    [InlineData("If-None-Match", "\"some-tag\"")]
    public async Task A_precondition_that_is_not_an_entity_tag_is_400_problem_json_and_nothing_is_written(string header, string value)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();

        var answer = await PutAsync(app, client, header, value);

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(header, out _), answer.Body);
        Assert.Equal(404, (await GetAsync(app, client)).Status);
    }

    [Fact]
    public async Task Garbage_in_If_Match_over_existing_settings_is_400_and_leaves_them_as_they_were()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();
        var created = await PutAsync(app, client);
        Assert.Equal(200, created.Status);

        Assert.Equal(400, (await PutAsync(app, client, "If-Match", "garbage")).Status);

        Assert.Equal(created.Headers.ETag.ToString(), (await GetAsync(app, client)).Headers.ETag.ToString());
    }

    [Fact]
    public async Task If_Match_star_on_an_absent_agreement_is_412_and_creates_nothing_and_on_a_present_one_updates_it()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();

        var absent = await PutAsync(app, client, "If-Match", "*");
        Assert.Equal(412, absent.Status);
        Assert.Equal("application/problem+json", absent.ContentType);
        Assert.Equal(404, (await GetAsync(app, client)).Status);

        var created = await PutAsync(app, client);
        Assert.Equal(200, created.Status);
        var updated = await PutAsync(app, client, "If-Match", "*");
        Assert.Equal(200, updated.Status);
        Assert.NotEqual(created.Headers.ETag.ToString(), updated.Headers.ETag.ToString());
    }

    [Fact]
    public async Task A_well_formed_ETag_that_is_not_the_rows_is_412_and_the_rows_own_is_200()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();
        Assert.Equal(412, (await PutAsync(app, client, "If-Match", "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"")).Status);
        var created = await PutAsync(app, client);

        Assert.Equal(412, (await PutAsync(app, client, "If-Match", "\"not-this-one\"")).Status);
        Assert.Equal(200, (await PutAsync(app, client, "If-Match", created.Headers.ETag.ToString())).Status);
    }

    [Fact]
    public async Task If_None_Match_star_creates_once_and_a_second_create_is_412()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();

        var first = await PutAsync(app, client, "If-None-Match", "*");
        var second = await PutAsync(app, client, "If-None-Match", "*");

        Assert.Equal(200, first.Status);
        Assert.Equal(412, second.Status);
        Assert.Equal(first.Headers.ETag.ToString(), (await GetAsync(app, client)).Headers.ETag.ToString());
    }

    [Fact]
    public async Task Racing_creates_with_If_None_Match_star_leave_exactly_one_winner()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => PutAsync(app, client, "If-None-Match", "*"))));

        Assert.Single(answers, a => a.Status == 200);
        Assert.All(answers.Where(a => a.Status != 200), a => Assert.Equal(412, a.Status));
    }
}
