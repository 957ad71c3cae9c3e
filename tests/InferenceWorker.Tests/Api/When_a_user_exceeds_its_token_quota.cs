using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.InferenceWorker.Tests.Api;

/// <summary>
/// An Ingress with a low Inference:TokensPerMinute in front of the same worker: a request's estimate (about a token
/// per four body bytes plus its max_tokens) is reserved before it is relayed, and what does not fit is a 429.
/// </summary>
public sealed class When_a_user_exceeds_its_token_quota(InferenceSystem system) : IClassFixture<InferenceSystem>
{
    [Fact]
    public async Task Should_answer_429_in_openai_shape_with_retry_after_and_leave_other_users_alone()
    {
        await using var ingress = new IngressServer(system.Infrastructure, new Dictionary<string, string?>
        {
            ["Inference:Workers:0"] = system.WorkerAddress,
            ["Inference:TokensPerMinute"] = "150",
        });
        ingress.StartServer();
        using var heavy = ingress.CreateClientWith(await system.UserKeyAsync("heavy"));
        using var light = ingress.CreateClientWith(await system.UserKeyAsync("light"));
        // About 30 tokens of body and 60 to generate: one fits in 150 a minute, two do not.
        var chat = new { model = InferenceSystem.Base, messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 60, temperature = 0 };

        using var first = await heavy.PostAsJsonAsync("/v1/chat/completions", chat);
        using var second = await heavy.PostAsJsonAsync("/v1/chat/completions", chat);
        using var otherUser = await light.PostAsJsonAsync("/v1/chat/completions", chat);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        var retryAfter = second.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        using var error = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("rate_limit_exceeded", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("tokens", error.RootElement.GetProperty("error").GetProperty("type").GetString());
    }
}
