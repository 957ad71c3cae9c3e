using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.MetadataService.Jobs.Consumers;
using AdapterPipeline.TestSupport;
using Marten;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Tests.Jobs;

/// <summary>A job recorded in the avatar's stream whose saga never started must not lock the avatar forever.</summary>
public sealed class When_a_job_holds_its_avatar_without_a_saga(SagaHarness harness) : IClassFixture<SagaHarness>
{
    private AvatarAdapterWriter Adapters => harness.Services.GetRequiredService<AvatarAdapterWriter>();

    private async Task<Guid> RecordJobWithoutSagaAsync(string avatar)
    {
        var jobId = NewId.NextGuid();
        var submitted = new TrainingJobSubmitted(jobId, "u1", avatar, TrainingJobKind.Create, "default", null, [], new TrainingHyperparameters(),
            DateTimeOffset.UtcNow);
        await Adapters.ChangeAsync("u1", avatar, "test", _ => [submitted], CancellationToken.None);
        return jobId;
    }

    [Fact]
    public async Task Should_be_ended_by_the_watchdog_after_the_grace_period()
    {
        var jobId = await RecordJobWithoutSagaAsync("a-no-saga");
        var watchdog = new JobWatchdog(harness.Services.GetRequiredService<IDocumentStore>(), harness.Harness.Bus,
            harness.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new JobOptions { SagaStartTimeout = TimeSpan.Zero }),
            TimeProvider.System, NullLogger<JobWatchdog>.Instance);

        await watchdog.CheckAsync(CancellationToken.None);
        Assert.Equal(jobId, (await Adapters.ReadAsync("u1", "a-no-saga", CancellationToken.None))!.RunningJobId);
        await Task.Delay(10);
        await watchdog.CheckAsync(CancellationToken.None);

        Assert.Null((await Adapters.ReadAsync("u1", "a-no-saga", CancellationToken.None))!.RunningJobId);
    }

    [Fact]
    public async Task Should_be_cleared_when_the_adapter_is_deleted()
    {
        var jobId = await RecordJobWithoutSagaAsync("a-no-saga-deleted");

        await harness.Harness.Bus.Publish(new AdapterDeleted("u1", "a-no-saga-deleted", "default", 0, jobId));

        await Eventually.True(async () => (await Adapters.ReadAsync("u1", "a-no-saga-deleted", CancellationToken.None))!.RunningJobId is null,
            TimeSpan.FromSeconds(20), "the dangling job cleared");
        Assert.False(await harness.Harness.Published.Any<JobCancellationRequested>(m => m.Context.Message.JobId == jobId));
    }
}
