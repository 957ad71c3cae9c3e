using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.SystemTests.Adapters;

/// <summary>The whole flow: upload → train → packaged → signed webhooks to the user's subscription and to the job's own URL.</summary>
[Collection(PipelineCollection.Name)]
public sealed class When_a_job_completes(Pipeline pipeline) : IAsyncLifetime
{
    private readonly AvatarClient avatar = new(pipeline.Http);
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Should_notify_the_subscription_and_the_job_url_with_valid_signatures()
    {
        var subscribed = WebhookReceiver.NewPath();
        var perJob = WebhookReceiver.NewPath();
        using var subscribe = await pipeline.Http.PostAsJsonAsync($"/webhooks/{avatar.UserId}/subscriptions",
            new { url = receiver.UrlFor(subscribed), events = new[] { "adapter.training.succeeded" } });
        var subscription = await AvatarClient.JsonAsync(subscribe, HttpStatusCode.Created);
        var jobSecret = (await avatar.GetJsonAsync($"/webhooks/{avatar.UserId}/secret")).GetProperty("secret").GetString()!;

        await avatar.UploadCorpusAsync();
        var jobId = await avatar.StartJobAsync(AvatarClient.Quick(webhookUrl: receiver.UrlFor(perJob)));
        await avatar.WaitForEndAsync(jobId);

        var toSubscription = Assert.Single(await receiver.WaitForAsync(subscribed));
        Assert.True(WebhookReceiver.HasValidSignature(toSubscription, subscription.GetProperty("secret").GetString()!));
        using var body = JsonDocument.Parse(toSubscription.Body);
        Assert.Equal("adapter.training.succeeded", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(jobId, body.RootElement.GetProperty("data").GetProperty("job_id").GetGuid());
        Assert.Equal(1, body.RootElement.GetProperty("data").GetProperty("version").GetInt32());

        var toJob = Assert.Single(await receiver.WaitForAsync(perJob));
        Assert.True(WebhookReceiver.HasValidSignature(toJob, jobSecret));
    }
}
