using System.Text.Json;
using AdapterPipeline.SystemTests;

namespace AdapterPipeline.Cli.Tests.Webhooks;

/// <summary>webhooks rm says what it deleted, as text or as JSON, and a second rm finds nothing.</summary>
[Collection(PipelineCollection.Name)]
public sealed class When_a_subscription_is_removed(SystemTests.Pipeline pipeline) : IDisposable
{
    private readonly Apctl apctl = new(pipeline.Http.BaseAddress);
    private readonly string user = "user-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => apctl.Dispose();

    [Fact]
    public async Task Should_report_the_deletion_and_then_not_find_it()
    {
        var first = await SubscribeAsync();
        var second = await SubscribeAsync();

        var asText = await apctl.RunAsync("webhooks", "rm", user, first);
        var asJson = await apctl.RunAsync("webhooks", "rm", user, second, "--json");
        var again = await apctl.RunAsync("webhooks", "rm", user, first);

        Assert.True(asText.ExitCode == 0, asText.ToString());
        Assert.Equal($"Deleted subscription {first}.", asText.Stdout.Trim());
        Assert.True(asJson.ExitCode == 0, asJson.ToString());
        Assert.Equal($$"""{"subscription_id":"{{second}}","deleted":true}""", asJson.Stdout.Trim());
        Assert.Equal(ExitCodes.NotFound, again.ExitCode);
    }

    private async Task<string> SubscribeAsync()
    {
        var created = await apctl.RunAsync("webhooks", "create", user, "http://127.0.0.1:9/hook", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Stdout);
        return json.RootElement.GetProperty("subscription_id").GetString()!;
    }
}
