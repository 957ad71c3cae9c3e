using System.Text.Json;
using AdapterPipeline.Ingress.Inference;

namespace AdapterPipeline.Ingress.Tests.Inference;

/// <summary>The tokens-per-minute window: reservations count for one minute from when they were made.</summary>
public sealed class When_tokens_are_reserved_per_minute
{
    private readonly ManualClock clock = new();
    private readonly TokenQuota quota;

    public When_tokens_are_reserved_per_minute() => quota = new TokenQuota(clock);

    [Fact]
    public void Should_grant_up_to_the_limit_and_refuse_beyond_it()
    {
        Assert.True(quota.TryReserve("user:a", 600, limit: 1000).IsGranted);
        Assert.True(quota.TryReserve("user:a", 400, limit: 1000).IsGranted);

        var refused = quota.TryReserve("user:a", 1, limit: 1000);

        Assert.False(refused.IsGranted);
        Assert.Equal(1000, refused.Used);
    }

    [Fact]
    public void Should_free_each_reservation_a_minute_after_it_was_made_and_say_when()
    {
        quota.TryReserve("user:a", 600, limit: 1000);
        clock.Advance(TimeSpan.FromSeconds(20));
        quota.TryReserve("user:a", 400, limit: 1000);
        clock.Advance(TimeSpan.FromSeconds(10));

        var early = quota.TryReserve("user:a", 500, limit: 1000);
        clock.Advance(TimeSpan.FromSeconds(30));
        var onTime = quota.TryReserve("user:a", 500, limit: 1000);
        var stillFull = quota.TryReserve("user:a", 200, limit: 1000);

        Assert.False(early.IsGranted);
        Assert.Equal(TimeSpan.FromSeconds(30), early.RetryAfter);
        Assert.True(onTime.IsGranted);
        Assert.False(stillFull.IsGranted);
        Assert.Equal(TimeSpan.FromSeconds(20), stillFull.RetryAfter);
    }

    [Fact]
    public void Should_keep_each_key_in_its_own_window()
    {
        quota.TryReserve("user:a", 1000, limit: 1000);

        Assert.True(quota.TryReserve("user:b", 1000, limit: 1000).IsGranted);
        Assert.False(quota.TryReserve("user:a", 1, limit: 1000).IsGranted);
    }

    [Fact]
    public void Should_refuse_a_request_larger_than_the_whole_quota_and_grant_everything_when_unlimited()
    {
        var tooBig = quota.TryReserve("user:a", 1001, limit: 1000);

        Assert.False(tooBig.IsGranted);
        Assert.Equal(TokenQuota.Window, tooBig.RetryAfter);
        Assert.True(quota.TryReserve("user:a", 1_000_000, limit: 0).IsGranted);
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":10}""", 10)]
    [InlineData("""{"model":"m","max_completion_tokens":20,"max_tokens":10}""", 20)]
    [InlineData("""{"model":"m","max_tokens":100000}""", 256)]
    [InlineData("""{"model":"m"}""", 256)]
    [InlineData("""{"model":"m","max_tokens":"many"}""", 256)]
    public void Should_estimate_the_prompt_from_the_body_and_add_the_tokens_it_may_generate(string body, long generated)
    {
        using var json = JsonDocument.Parse(body);

        Assert.Equal((body.Length + 3) / 4 + generated, TokenEstimate.Of(json.RootElement, body.Length, maxTokens: 256));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
