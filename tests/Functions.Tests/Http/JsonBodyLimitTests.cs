using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bankflow.Functions.Endpoints.Agreements;
using Bankflow.Functions.Endpoints.PaymentBatches;
using Bankflow.Functions.Endpoints.SbankenComplete;
using Bankflow.Functions.Http;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Http;

/// <summary>
/// Every JSON body is bounded (413 problem+json, with or without a Content-Length), error lists are capped, and no
/// error text names a .NET type — the HTTP functions called as the worker calls them, on Azurite.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed partial class JsonBodyLimitTests(AzuriteFixture azurite)
{
    /// <summary>What a .NET type name looks like in a message ("Bankflow.Functions.Endpoints.SbankenComplete.CompletionBody", "System.String").</summary>
    [GeneratedRegex(@"\b(System|Bankflow|Microsoft|Azure)\.[A-Z][A-Za-z0-9]*|could not be converted|JsonElement|Nullable`")]
    private static partial Regex DotNetTypeName();

    private Task<TestApp> AppAsync() => TestApp.StartAsync(azurite, new Dictionary<string, string?>
    {
        // The completion answers 503 unless Sbanken is configured; nothing here reaches Sbanken.
        ["Bankflow:Sbanken:AuthBaseUrl"] = "http://127.0.0.1:9/",
        ["Bankflow:Sbanken:ApiBaseUrl"] = "http://127.0.0.1:9/",
        ["Bankflow:Sbanken:ClientId"] = "bankflow-test",
        ["Bankflow:Sbanken:ClientSecret"] = "not-a-secret",
        ["Bankflow:Sbanken:RedirectUri"] = "http://127.0.0.1:9/api/sbanken/callback",
    });

    private static Task<Answer> CompleteAsync(TestApp app, string client, byte[] body, bool declareLength = true)
    {
        var context = app.Request("POST", $"/api/clients/{client}/sbanken/onboarding/complete", app.Token(Bankflow.Domain.Values.ClientId.Parse(client)), new MemoryStream(body), declareLength ? body.Length : null);
        return TestApp.AnswerAsync(context, app.Function<SbankenCompleteFunction>().RunAsync(context.Request, client));
    }

    private static Task<Answer> CreateBatchAsync(TestApp app, string client, byte[] body, bool declareLength = true)
    {
        var context = app.Request("POST", $"/api/clients/{client}/payment-batches", app.Token(Bankflow.Domain.Values.ClientId.Parse(client)), new MemoryStream(body), declareLength ? body.Length : null);
        return TestApp.AnswerAsync(context, app.Function<PaymentBatchesFunction>().RunAsync(context.Request, client, null, null));
    }

    private static Task<Answer> PutAgreementAsync(TestApp app, string client, byte[] body)
    {
        var context = app.Request("PUT", $"/api/clients/{client}/agreements/86011117947", app.Token(Bankflow.Domain.Values.ClientId.Parse(client)), new MemoryStream(body), body.Length);
        return TestApp.AnswerAsync(context, app.Function<AgreementsFunction>().RunAsync(context.Request, client, "86011117947"));
    }

    private static Task<Answer> AuthoriseAsync(TestApp app, string client, byte[] body)
    {
        var context = app.Request("POST", $"/api/clients/{client}/payment-batches/B1/authorise", app.Token(Bankflow.Domain.Values.ClientId.Parse(client)), new MemoryStream(body), body.Length);
        return TestApp.AnswerAsync(context, app.Function<PaymentBatchesFunction>().RunAsync(context.Request, client, "B1", "authorise"));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task The_Sbanken_completion_body_is_capped_413_problem_json_declared_or_streamed()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient().Value;
        // Valid JSON, only too long: 300 KiB of accounts.
        var accounts = string.Join(",", Enumerable.Repeat("""{"accountNumber":"97100512347","activate":false}""", 6500));
        var big = Utf8($$"""{"conversionDate":"2026-01-01","accounts":[{{accounts}}]}""");
        Assert.True(big.Length > CompletionBody.MaxBytes);

        var declared = await CompleteAsync(app, client, big);
        var streamed = await CompleteAsync(app, client, big, declareLength: false);

        foreach (var answer in new[] { declared, streamed })
        {
            Assert.Equal(413, answer.Status);
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.Contains("limit", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(answer.Body.Length < 1000);
        }
    }

    [Fact]
    public async Task The_payment_batch_body_is_capped_when_streamed()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient().Value;
        var big = Utf8("""{"payments":[""" + new string(' ', 8 * 1024 * 1024) + "]}");

        var streamed = await CreateBatchAsync(app, client, big, declareLength: false);

        Assert.Equal(413, streamed.Status);
        Assert.Equal("application/problem+json", streamed.ContentType);
    }

    [Theory]
    [InlineData("""{"accounts": {"accountNumber": "97100512347"}}""", "accounts")]
    [InlineData("""{"accounts": [{"activate": "yes"}]}""", "accounts[0].activate")]
    [InlineData("""{"accounts": [{"accountNumber": 97100512347}]}""", "accounts[0].accountNumber")]
    [InlineData("""{"accounts": [{"erpBalance": {"kroner": 1}}]}""", "accounts[0].erpBalance")]
    [InlineData("""{"accounts": [7]}""", "accounts[0]")]
    [InlineData("""{"conversionDate": ["2026-01-01"]}""", "conversionDate")]
    [InlineData("""{"acceptBalanceDifferences": "true"}""", "acceptBalanceDifferences")]
    [InlineData("""{"salaryAccount": {"number": "1"}}""", "salaryAccount")]
    public async Task A_completion_field_of_the_wrong_kind_is_named_without_dotnet_type_names(string body, string field)
    {
        await using var app = await AppAsync();

        var answer = await CompleteAsync(app, TestStorage.NewClient().Value, Utf8(body));

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), answer.Body);
        Assert.DoesNotMatch(DotNetTypeName(), answer.Body);
    }

    public static TheoryData<string> HostileBodies() =>
    [
        "",
        "null",
        "[1, 2]",
        "\"a string\"",
        "{\"a\": ",
        "{\"a\": 1,}",
        "{\"a\": \"\u0001\"}",
        "{\"a\": 1e999999}",
        new string('[', 200) + new string(']', 200),
        "{" + string.Concat(Enumerable.Repeat("\"a\":{", 100)) + "}" + new string('}', 100),
        "{\"accounts\": [{\"activate\": 1}], \"payments\": [{\"amount\": true, \"requestedExecutionDate\": 5}], \"bank\": [], \"validFrom\": {}}",
        "{\"bankIdReference\": 12, \"authorisedBy\": [\"x\"], \"authorisedAt\": {}}",
        "\uFEFF{\"payments\": []}",
    ];

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task No_error_text_of_any_JSON_endpoint_names_a_dotnet_type(string body)
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient().Value;
        var bytes = Utf8(body);

        var answers = new[]
        {
            await CompleteAsync(app, client, bytes),
            await CreateBatchAsync(app, client, bytes),
            await PutAgreementAsync(app, client, bytes),
            await AuthoriseAsync(app, client, bytes),
        };

        Assert.All(answers, answer =>
        {
            Assert.InRange(answer.Status, 400, 499);
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.DoesNotMatch(DotNetTypeName(), answer.Body);
        });
    }

    [Fact]
    public async Task Per_field_error_lists_are_capped_with_a_count_of_the_rest()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient().Value;
        // 3,000 payments, each with two fields that cannot be read: 6,000 errors (and one for the missing agreement).
        var payments = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"endToEndId":"e{{i}}","amount":"x{{i}}","requestedExecutionDate":"someday"}"""));

        var answer = await CreateBatchAsync(app, client, Utf8($$"""{"payments":[{{payments}}]}"""));

        Assert.Equal(400, answer.Status);
        var errors = answer.Json.GetProperty("errors");
        var shown = errors.EnumerateObject().Sum(e => e.Value.GetArrayLength());
        Assert.Equal(Problems.MaxErrors, shown);
        var omitted = answer.Json.GetProperty("omittedErrors").GetInt32();
        Assert.True(omitted >= 6000 - Problems.MaxErrors, $"omitted {omitted}");
        Assert.Contains("left out", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(answer.Body.Length < 32 * 1024, $"the answer is {answer.Body.Length} bytes");
    }

    [Fact]
    public void Capping_keeps_the_first_errors_in_field_order_and_cuts_long_messages()
    {
        var errors = new Dictionary<string, string[]>
        {
            ["a"] = Enumerable.Range(0, 60).Select(i => $"a{i}").ToArray(),
            ["b"] = [new string('x', 5000), .. Enumerable.Range(0, 59).Select(i => $"b{i}")],
            ["c"] = ["c0"],
        };

        var (shown, omitted) = Problems.Cap(errors);

        Assert.Equal(60, shown["a"].Length);
        Assert.Equal(40, shown["b"].Length);
        Assert.False(shown.ContainsKey("c"));
        Assert.Equal(21, omitted);
        Assert.Equal(Problems.MaxMessageLength + 1, shown["b"][0].Length);
    }

    [Fact]
    public async Task A_company_name_banks_refuse_in_pain001_is_refused_with_its_field_when_the_agreement_is_saved()
    {
        await using var app = await AppAsync();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            bank = "Dnb", avtaleId = "DNB-1", ledgerAccount = "1920", feeLedgerAccount = "7770", validFrom = "2024-01-15",
            organisationNumber = "974760673", companyName = "Nord\u202E AS",
        });

        var answer = await PutAgreementAsync(app, TestStorage.NewClient().Value, body);

        Assert.Equal(400, answer.Status);
        var message = answer.Json.GetProperty("errors").GetProperty("companyName")[0].GetString()!;
        Assert.Contains("U+202E", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', answer.Body);
    }
}
