using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Jobs;
using Marten;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.MetadataService.Tests.Jobs;

/// <summary>A poison job (every run ends its worker) is stopped after the configured number of crashes (3 by default).</summary>
public sealed class When_a_job_crashes_its_workers(SagaHarness harness) : IClassFixture<SagaHarness>
{
    [Fact]
    public async Task Should_fail_at_the_fourth_start_and_free_the_avatar()
    {
        var jobId = NewId.NextGuid();
        var bus = harness.Harness.Bus;
        await bus.Publish(new JobSubmitted(jobId, TrainingJobKind.Create, "u1", "a-poison", "default", new TrainingHyperparameters(), Array.Empty<FileForTraining>(),
            null, DateTimeOffset.UtcNow));
        Assert.NotNull(await harness.Saga.Exists(jobId, m => m.Queued, TimeSpan.FromSeconds(10)));
        await harness.Services.GetRequiredService<AvatarAdapterWriter>().ChangeAsync("u1", "a-poison", "test",
            _ => [new TrainingJobSubmitted(jobId, "u1", "a-poison", TrainingJobKind.Create, "default", null, [], new TrainingHyperparameters(), DateTimeOffset.UtcNow)],
            CancellationToken.None);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await bus.Publish(new TrainingStarted(jobId, $"worker:{attempt}", "cpu", 2, DateTimeOffset.UtcNow));
            await WaitForAsync(jobId, j => j.Attempt == attempt);
        }
        Assert.Equal("Running", (await LoadAsync(jobId)).CurrentState);

        await bus.Publish(new TrainingStarted(jobId, "worker:4", "cpu", 2, DateTimeOffset.UtcNow));

        Assert.NotNull(await harness.Saga.Exists(jobId, m => m.Failed, TimeSpan.FromSeconds(10)));
        var failed = await LoadAsync(jobId);
        Assert.Equal("the job's worker stopped without a result 3 times (a crash or a restart each time); it is not run again", failed.Error);
        Assert.True(await harness.Harness.Published.Any<CancelTraining>(m => m.Context.Message.JobId == jobId));
        Assert.Null((await harness.Services.GetRequiredService<AvatarAdapterWriter>().ReadAsync("u1", "a-poison", CancellationToken.None))!.RunningJobId);
    }

    private async Task<TrainingJob> LoadAsync(Guid jobId)
    {
        await using var session = harness.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<TrainingJob>(jobId))!;
    }

    private async Task WaitForAsync(Guid jobId, Func<TrainingJob, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition(await LoadAsync(jobId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the saga did not count the start");
            await Task.Delay(50);
        }
    }
}
