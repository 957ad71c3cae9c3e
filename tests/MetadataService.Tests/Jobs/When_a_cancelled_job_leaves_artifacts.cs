using System.Text;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.MetadataService.Tests.Jobs;

/// <summary>The saga only asks for the cleanup; a consumer of its own removes the files from S3.</summary>
public sealed class When_a_cancelled_job_leaves_artifacts(SagaHarness harness) : IClassFixture<SagaHarness>
{
    private static readonly FileForTraining File = new("notes.txt", "users/u/avatars/a/adapters/training_data/notes.txt", 12, new string('a', 64));

    [Fact]
    public async Task Should_remove_the_late_zip_and_the_staged_files_outside_the_saga()
    {
        var jobId = NewId.NextGuid();
        var bus = harness.Harness.Bus;
        var store = harness.Services.GetRequiredService<ObjectStore>();
        await bus.Publish(new JobSubmitted(jobId, TrainingJobKind.Train, "u1", "a-late-zip", "default", new TrainingHyperparameters(NumEpochs: 1), [File], null,
            DateTimeOffset.UtcNow));
        Assert.NotNull(await harness.Saga.Exists(jobId, m => m.Queued, TimeSpan.FromSeconds(10)));
        await bus.Publish(new AdapterTrained(jobId, "tiny-llama", false, null, 1));
        Assert.NotNull(await harness.Saga.Exists(jobId, m => m.Packaging, TimeSpan.FromSeconds(10)));
        await bus.Publish(new JobCancellationRequested(jobId, "test"));
        Assert.NotNull(await harness.Saga.Exists(jobId, m => m.Cancelled, TimeSpan.FromSeconds(10)));

        var staged = StorageKeys.JobStaging("u1", "a-late-zip", jobId) + StagedAdapterFiles.Config;
        var zip = StorageKeys.AdapterVersion("u1", "a-late-zip", "default", 1);
        await store.UploadAsync(staged, new MemoryStream(Encoding.UTF8.GetBytes("{}")), "application/json", CancellationToken.None);
        await store.UploadAsync(zip, new MemoryStream([1, 2, 3]), "application/zip",
            new Dictionary<string, string> { [AdapterZipMetadata.JobId] = jobId.ToString() }, CancellationToken.None);
        await bus.Publish(new AdapterPackaged(jobId, 1, zip, new string('b', 64), 3, 0.1));

        await harness.Harness.InactivityTask;
        var discards = await harness.Harness.Published.SelectAsync<DiscardJobArtifacts>(m => m.Context.Message.JobId == jobId).ToListAsync();
        Assert.Contains(discards, m => m.Context.Message.Version == 1);
        await Eventually.True(async () => await store.HeadAsync(zip, CancellationToken.None) is null
            && await store.HeadAsync(staged, CancellationToken.None) is null, TimeSpan.FromSeconds(20), "the late ZIP and staged files removed");
    }
}
