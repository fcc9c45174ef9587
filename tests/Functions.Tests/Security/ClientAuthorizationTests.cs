using Bankflow.Functions.Endpoints.Agreements;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Security;

/// <summary>
/// Issue #11 §3 through a real function: a signed token whose <c>exp</c> is 1e20 or 1.5e9 was a 500; any token that is
/// not a valid one is 401 problem+json with the Bearer challenge, and nothing is read.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ClientAuthorizationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("1e20")]
    [InlineData("1.5e9")]
    [InlineData("\"x\"")]
    [InlineData("-5")]
    [InlineData(null)]
    public async Task A_signed_token_with_an_exp_that_is_not_an_integer_in_range_is_401_not_500(string? exp)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();
        var payload = exp is null
            ? $$"""{"sub":"kari","clients":["{{client.Value}}"]}"""
            : $$"""{"sub":"kari","clients":["{{client.Value}}"],"exp":{{exp}}}""";
        var context = app.Request("GET", $"/api/clients/{client.Value}/agreements", TestApp.SignedToken(payload));

        var answer = await TestApp.AnswerAsync(context, app.Function<AgreementsFunction>().RunAsync(context.Request, client.Value, null));

        Assert.Equal(401, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("Bearer realm=\"bankflow\"", answer.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_whose_signature_has_a_trailing_pad_is_401_and_the_same_token_without_it_is_200()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();
        var token = app.Token(client);

        var padded = app.Request("GET", $"/api/clients/{client.Value}/agreements", token + "=");
        var plain = app.Request("GET", $"/api/clients/{client.Value}/agreements", token);

        Assert.Equal(401, (await TestApp.AnswerAsync(padded, app.Function<AgreementsFunction>().RunAsync(padded.Request, client.Value, null))).Status);
        Assert.Equal(200, (await TestApp.AnswerAsync(plain, app.Function<AgreementsFunction>().RunAsync(plain.Request, client.Value, null))).Status);
    }
}
