using Bankflow.Domain.Access;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Tests.Security;

public sealed class ClientTokenServiceTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly ClientId Acme = ClientId.Parse("acme-as");
    private static readonly ClientId Other = ClientId.Parse("other-as");

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void An_issued_token_grants_exactly_its_clients_until_it_expires()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var service = new ClientTokenService(Key, clock);
        var token = service.Issue("kari@firm", [Acme], TimeSpan.FromMinutes(30));

        Assert.True(service.TryValidate(token, out var grant, out _));
        Assert.Equal("kari@firm", grant!.Subject);
        Assert.True(grant.Allows(Acme));
        Assert.False(grant.Allows(Other));

        clock.Now = clock.Now.AddMinutes(31);
        Assert.False(service.TryValidate(token, out _, out var reason));
        Assert.Contains("expired", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(56));
        var theirs = new ClientTokenService(Enumerable.Repeat((byte)7, 32).ToArray(), clock).Issue("mallory", [Acme], TimeSpan.FromHours(1));
        Assert.False(new ClientTokenService(Key, clock).TryValidate(theirs, out _, out var reason));
        Assert.Contains("signature", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_payload_breaks_the_signature()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(56));
        var service = new ClientTokenService(Key, clock);
        var token = service.Issue("kari", [Acme], TimeSpan.FromHours(1));
        var parts = token.Split('.');
        var forgedPayload = Convert.ToBase64String("""{"sub":"kari","clients":["acme-as","other-as"],"exp":9999999999}"""u8.ToArray())
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var forged = $"{parts[0]}.{forgedPayload}.{parts[2]}";
        Assert.False(service.TryValidate(forged, out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic abc")]
    [InlineData("bf1.")]
    [InlineData("bf1.abc")]
    [InlineData("bf1.!!!.!!!")]
    public void Garbage_is_refused_without_an_exception(string? token)
    {
        var service = new ClientTokenService(Key, TimeProvider.System);
        Assert.False(service.TryValidate(token, out var grant, out var reason));
        Assert.Null(grant);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void A_short_signing_key_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClientTokenService(new byte[16], TimeProvider.System));
        Assert.Equal("signingKey", ex.ParamName);
    }
}
