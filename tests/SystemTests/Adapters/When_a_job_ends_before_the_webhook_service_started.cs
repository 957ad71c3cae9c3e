using System.Net;
using AdapterPipeline.Contracts;
using AdapterPipeline.MetadataService;
using AdapterPipeline.PackagingWorker;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker;
using AdapterPipeline.WebhookService;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.SystemTests.Adapters;

/// <summary>
/// A fresh broker on which the webhook service never ran: the job's end waits in the webhook service's queue (bound by
/// the metadata service as it publishes) and is consumed once the webhook service starts.
/// </summary>
public sealed class When_a_job_ends_before_the_webhook_service_started(When_a_job_ends_before_the_webhook_service_started.NoWebhookService system)
    : IClassFixture<When_a_job_ends_before_the_webhook_service_started.NoWebhookService>, IAsyncLifetime
{
    public sealed class NoWebhookService() : SystemFixture(Pipeline.Settings, TimeSpan.FromMinutes(3),
        b => b.AddMetadataService(), b => b.AddTrainingWorker(), b => b.AddPackagingWorker());

    private IHost? webhookService;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (webhookService is not null)
        {
            await webhookService.StopAsync();
            webhookService.Dispose();
        }
    }

    [Fact]
    public async Task Should_keep_the_job_end_for_the_webhook_service()
    {
        var avatar = new AvatarClient(system.Http);
        using var first = await system.Http.GetAsync(avatar.Adapters);
        var job = (await AvatarClient.JsonAsync(first, HttpStatusCode.Accepted)).GetProperty("job_id").GetGuid();
        Assert.Equal("succeeded", (await avatar.WaitForEndAsync(job)).GetProperty("state").GetString());

        await Eventually.True(async () => await BrokerQueues.MessagesInAsync(system, EventQueues.WebhookEvents) >= 1, TimeSpan.FromSeconds(60),
            "the job's end waiting in the webhook service's queue");

        webhookService = await system.StartServiceAsync(b => b.AddWebhookService());
        await Eventually.True(async () => await BrokerQueues.MessagesInAsync(system, EventQueues.WebhookEvents) == 0, TimeSpan.FromSeconds(60),
            "the webhook service consuming the waiting job end");
    }
}
