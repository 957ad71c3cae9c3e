using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.TestSupport;
using Marten;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.MetadataService.Tests.Jobs;

public sealed class When_a_training_job_moves_through_its_states(SagaHarness harness) : IClassFixture<SagaHarness>
{
    private static readonly FileForTraining File = new("notes.txt", "users/u/avatars/a/adapters/training_data/notes.txt", 12, new string('a', 64));

    private static JobSubmitted Submitted(Guid jobId, string avatar) => new(
        jobId, TrainingJobKind.Train, "u1", avatar, "default", new TrainingHyperparameters(NumEpochs: 1), [File], null, DateTimeOffset.UtcNow);

    private async Task<TrainingJob> StoredAsync(Guid jobId)
    {
        await using var session = harness.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<TrainingJob>(jobId))!;
    }

    private async Task<TrainingJob> InStateAsync(Guid jobId, Func<TrainingJobStateMachine, MassTransit.State> state)
    {
        Assert.NotNull(await harness.Saga.Exists(jobId, state, TimeSpan.FromSeconds(10)));
        return await StoredAsync(jobId);
    }

    [Fact]
    public async Task Should_queue_a_submitted_job_and_ask_a_worker_to_train()
    {
        var jobId = NewId.NextGuid();

        await harness.Harness.Bus.Publish(Submitted(jobId, "a-queue"));

        var job = await InStateAsync(jobId, m => m.Queued);
        Assert.Equal("u1", job.UserId);
        Assert.Equal([File], job.Files);
        Assert.True(await harness.Harness.Sent.Any<StartTraining>(m => m.Context.Message.JobId == jobId));
    }

    [Fact]
    public async Task Should_run_package_and_succeed_with_one_version()
    {
        var jobId = NewId.NextGuid();
        var bus = harness.Harness.Bus;
        await bus.Publish(Submitted(jobId, "a-success"));
        await InStateAsync(jobId, m => m.Queued);

        await bus.Publish(new TrainingStarted(jobId, "worker:1", "cpu", 1, DateTimeOffset.UtcNow));
        await bus.Publish(new TrainingProgressed(jobId, 5, 10, 1, 2.5, null, 1e-3, 100, 3, DateTimeOffset.UtcNow));
        await InStateAsync(jobId, m => m.Running);
        await Eventually.True(async () => (await StoredAsync(jobId)).Step == 5, TimeSpan.FromSeconds(10), "step 5 in the stored job");

        var metrics = new TrainingMetricsSummary(1.0, 1.2, 100, "cpu", "float32", 3, 10);
        await bus.Publish(new AdapterTrained(jobId, "tiny-llama", true, metrics, 3));
        await bus.Publish(new AdapterTrained(jobId, "tiny-llama", true, metrics, 3));
        var packaging = await InStateAsync(jobId, m => m.Packaging);
        Assert.Equal(1, packaging.Version);

        await bus.Publish(new AdapterPackaged(jobId, 1, "users/u1/avatars/a-success/adapters/default/v1.zip", new string('b', 64), 100, 0.5));
        var succeeded = await InStateAsync(jobId, m => m.Succeeded);

        Assert.Equal(100, succeeded.ProgressPercent);
        Assert.Single(await harness.Harness.Sent.SelectAsync<PackageAdapter>(m => m.Context.Message.JobId == jobId).ToListAsync());
        // Published from the in-memory outbox just after the state is saved.
        await Eventually.True(() => harness.Harness.Published.Any<TrainingJobEnded>(m => m.Context.Message.JobId == jobId && m.Context.Message.State == "succeeded"),
            TimeSpan.FromSeconds(10), "TrainingJobEnded published");
        var adapter = await harness.Services.GetRequiredService<AvatarAdapterWriter>().ReadAsync("u1", "a-success", CancellationToken.None);
        Assert.Equal(1, adapter!.CurrentVersion);
        Assert.Single(adapter.Versions);
    }

    [Fact]
    public async Task Should_record_a_resumed_run_with_its_step_in_the_history()
    {
        var jobId = NewId.NextGuid();
        var bus = harness.Harness.Bus;
        await bus.Publish(Submitted(jobId, "a-resumed"));
        await InStateAsync(jobId, m => m.Queued);

        await bus.Publish(new TrainingStarted(jobId, "worker:2", "cpu", 2, DateTimeOffset.UtcNow));
        await InStateAsync(jobId, m => m.Running);
        await bus.Publish(new TrainingResumed(jobId, 40, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await StoredAsync(jobId)).History.Any(h => h.Type == "resumed"), TimeSpan.FromSeconds(10), "the resumed entry in the job's history");

        var resumed = (await StoredAsync(jobId)).History.Single(h => h.Type == "resumed");
        Assert.Equal(40, resumed.Step);
        Assert.Equal(TrainingJobStates.Running, resumed.State);
    }

    [Fact]
    public async Task Should_fail_when_the_worker_reports_a_failure()
    {
        var jobId = NewId.NextGuid();
        await harness.Harness.Bus.Publish(Submitted(jobId, "a-fail"));
        await InStateAsync(jobId, m => m.Queued);

        await harness.Harness.Bus.Publish(new TrainingFailed(jobId, "no usable training text", DateTimeOffset.UtcNow));

        var failed = await InStateAsync(jobId, m => m.Failed);
        Assert.Equal("no usable training text", failed.Error);
        // Published from the in-memory outbox just after the state is saved.
        await Eventually.True(() => harness.Harness.Published.Any<TrainingJobEnded>(m => m.Context.Message.JobId == jobId && m.Context.Message.State == "failed"),
            TimeSpan.FromSeconds(10), "TrainingJobEnded published");
    }

    [Fact]
    public async Task Should_cancel_a_queued_job_at_once_and_tell_the_workers()
    {
        var jobId = NewId.NextGuid();
        await harness.Harness.Bus.Publish(Submitted(jobId, "a-cancel"));
        await InStateAsync(jobId, m => m.Queued);

        await harness.Harness.Bus.Publish(new JobCancellationRequested(jobId, "test"));

        await InStateAsync(jobId, m => m.Cancelled);
        Assert.True(await harness.Harness.Published.Any<CancelTraining>(m => m.Context.Message.JobId == jobId));
    }

    [Fact]
    public async Task Should_wait_for_the_worker_to_confirm_a_cancel_of_a_running_job()
    {
        var jobId = NewId.NextGuid();
        var bus = harness.Harness.Bus;
        await bus.Publish(Submitted(jobId, "a-cancel-running"));
        await InStateAsync(jobId, m => m.Queued);
        await bus.Publish(new TrainingStarted(jobId, "worker:1", "cpu", 1, DateTimeOffset.UtcNow));
        await InStateAsync(jobId, m => m.Running);

        await bus.Publish(new JobCancellationRequested(jobId, "test"));
        await Eventually.True(async () => (await StoredAsync(jobId)).CancelRequestedAt is not null, TimeSpan.FromSeconds(10), "the cancel request in the stored job");
        Assert.Equal("Running", (await StoredAsync(jobId)).CurrentState);

        await bus.Publish(new TrainingCancelled(jobId, DateTimeOffset.UtcNow));
        await InStateAsync(jobId, m => m.Cancelled);
    }

    [Fact]
    public async Task Should_fail_a_job_whose_worker_went_silent()
    {
        var jobId = NewId.NextGuid();
        var bus = harness.Harness.Bus;
        await bus.Publish(Submitted(jobId, "a-silent"));
        await InStateAsync(jobId, m => m.Queued);
        await bus.Publish(new TrainingStarted(jobId, "worker:1", "cpu", 1, DateTimeOffset.UtcNow));
        await InStateAsync(jobId, m => m.Running);

        await bus.Publish(new JobOverdue(jobId, "no heartbeat from the worker worker:1 for 3 min"));

        var failed = await InStateAsync(jobId, m => m.Failed);
        Assert.Equal("no heartbeat from the worker worker:1 for 3 min", failed.Error);
        Assert.True(await harness.Harness.Published.Any<CancelTraining>(m => m.Context.Message.JobId == jobId));
    }

    [Fact]
    public async Task Should_ignore_a_duplicate_submission()
    {
        var jobId = NewId.NextGuid();
        await harness.Harness.Bus.Publish(Submitted(jobId, "a-duplicate"));
        await InStateAsync(jobId, m => m.Queued);
        await harness.Harness.Bus.Publish(new TrainingStarted(jobId, "worker:1", "cpu", 1, DateTimeOffset.UtcNow));
        await InStateAsync(jobId, m => m.Running);

        await harness.Harness.Bus.Publish(Submitted(jobId, "a-duplicate"));
        await harness.Harness.InactivityTask;

        Assert.Equal("Running", (await StoredAsync(jobId)).CurrentState);
    }
}
