using Bankflow.Domain.Values;
using Bankflow.Functions.Idempotency;

namespace Bankflow.Functions.Tests.Idempotency;

public sealed class KeyRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static IdempotencyRecord Record(KeyState state, string hash = "aaa") =>
        new(ClientId.Parse("c-rules"), "k", hash, state, "claim", T0, T0.AddHours(24), T0.AddMinutes(10));

    [Fact]
    public void A_key_without_a_record_or_past_its_retention_may_be_claimed_whatever_the_request()
    {
        Assert.Equal(KeyVerdict.Claim, KeyRules.Judge(null, "aaa", T0));
        Assert.Equal(KeyVerdict.Claim, KeyRules.Judge(Record(KeyState.Completed), "bbb", T0.AddHours(24)));
        Assert.Equal(KeyVerdict.Mismatch, KeyRules.Judge(Record(KeyState.Completed), "bbb", T0.AddHours(24).AddTicks(-1)));
    }

    [Fact]
    public void An_answered_key_replays_the_same_request_and_refuses_another()
    {
        Assert.Equal(KeyVerdict.Replay, KeyRules.Judge(Record(KeyState.Completed), "aaa", T0.AddHours(23)));
        Assert.Equal(KeyVerdict.Mismatch, KeyRules.Judge(Record(KeyState.Completed), "bbb", T0.AddHours(23)));
        Assert.Equal(KeyVerdict.NeedBody, KeyRules.Judge(Record(KeyState.Completed), null, T0.AddHours(23)));
    }

    [Fact]
    public void A_running_request_holds_its_key_until_its_lease_ends_and_another_body_is_still_a_mismatch()
    {
        Assert.Equal(KeyVerdict.InProgress, KeyRules.Judge(Record(KeyState.InFlight), "aaa", T0.AddMinutes(9)));
        Assert.Equal(KeyVerdict.InProgress, KeyRules.Judge(Record(KeyState.InFlight), null, T0.AddMinutes(9)));
        Assert.Equal(KeyVerdict.Mismatch, KeyRules.Judge(Record(KeyState.InFlight), "bbb", T0.AddMinutes(9)));
        Assert.Equal(KeyVerdict.Claim, KeyRules.Judge(Record(KeyState.InFlight), "aaa", T0.AddMinutes(10)));
    }
}
