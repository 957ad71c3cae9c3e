using System.Net;
using AdapterPipeline.Ingress.Tests.TrainingData;
using AdapterPipeline.MetadataService;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.Ingress.Tests.Identity;

/// <summary>A tiny read budget that refills once an hour, so a burst must overflow it; budgets are per caller and per kind.</summary>
public sealed class When_a_caller_exceeds_its_rate_limit : IAsyncLifetime
{
    private const int Burst = 5;
    private readonly IsolatedInfrastructure infrastructure = new();
    private IHost metadata = null!;
    private IngressServer ingress = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        metadata = await ServiceHost.StartAsync(infrastructure, b => b.AddMetadataService());
        ingress = new IngressServer(infrastructure, new Dictionary<string, string?>
        {
            ["RateLimits:Reads:TokenLimit"] = Burst.ToString(),
            ["RateLimits:Reads:TokensPerPeriod"] = "1",
            ["RateLimits:Reads:Period"] = "01:00:00",
        });
        ingress.StartServer();
    }

    public async Task DisposeAsync()
    {
        await ingress.DisposeAsync();
        await metadata.StopAsync();
        metadata.Dispose();
        await infrastructure.DisposeAsync();
    }

    [Fact]
    public async Task Should_answer_429_with_retry_after_once_the_burst_is_spent_and_keep_other_budgets()
    {
        using var client = ingress.CreateClient();
        for (var i = 0; i < Burst; i++)
        {
            using var allowed = await client.GetAsync("/training-data/alice/a1/list");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync("/training-data/alice/a1/list");
        using var write = await client.DeleteAsync("/training-data/alice/a1/non-training-files");

        Assert.Contains("rate_limit", (await Avatar.ProblemAsync(refused, 429)).Keys);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        using var other = ingress.CreateClientWith(await IssueKeyAsync(client));
        using var othersRead = await other.GetAsync("/training-data/bob/a1/list");
        Assert.Equal(HttpStatusCode.OK, othersRead.StatusCode);
    }

    private static async Task<string> IssueKeyAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync("/admin/api-keys",
            new StringContent("{\"user_id\":\"bob\"}", System.Text.Encoding.UTF8, "application/json"));
        return (await Avatar.OkJsonAsync(response)).GetProperty("api_key").GetString()!;
    }
}
