using System.Net;
using AdapterPipeline.Contracts;
using AdapterPipeline.PackagingWorker;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker;
using AdapterPipeline.MetadataService;
using AdapterPipeline.WebhookService;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.SystemTests.Adapters;

/// <summary>
/// A fresh broker on which no worker ever ran: the job's command waits in its queue (declared by the sender), and the
/// job runs once workers start.
/// </summary>
public sealed class When_a_job_is_submitted_before_any_worker_started(When_a_job_is_submitted_before_any_worker_started.NoWorkers system)
    : IClassFixture<When_a_job_is_submitted_before_any_worker_started.NoWorkers>, IAsyncLifetime
{
    public sealed class NoWorkers() : SystemFixture(Pipeline.Settings, TimeSpan.FromMinutes(3), b => b.AddMetadataService(), b => b.AddWebhookService());

    private readonly List<IHost> workers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }
    }

    [Fact]
    public async Task Should_run_the_job_once_workers_start()
    {
        var avatar = new AvatarClient(system.Http);
        using var first = await system.Http.GetAsync(avatar.Adapters);
        var job = (await AvatarClient.JsonAsync(first, HttpStatusCode.Accepted)).GetProperty("job_id").GetGuid();

        await Eventually.True(async () => await BrokerQueues.MessagesInAsync(system, CommandQueues.StartTraining) == 1, TimeSpan.FromSeconds(60),
            "StartTraining waiting in its queue with no worker");
        Assert.Equal("queued", (await avatar.JobAsync(job)).GetProperty("state").GetString());

        workers.Add(await system.StartServiceAsync(b => b.AddTrainingWorker()));
        workers.Add(await system.StartServiceAsync(b => b.AddPackagingWorker()));

        Assert.Equal("succeeded", (await avatar.WaitForEndAsync(job)).GetProperty("state").GetString());
    }
}
