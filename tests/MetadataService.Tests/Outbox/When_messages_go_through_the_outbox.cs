using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.MetadataService.Outbox;
using AdapterPipeline.MetadataService.Tests.Jobs;
using AdapterPipeline.TestSupport;
using Marten;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.MetadataService.Tests.Outbox;

/// <summary>
/// The messages that follow from a commit (a job recorded in its avatar's stream, a saga transition) are stored in
/// its transaction, delivered after it with their stored ids, and deleted; the relay delivers what a process that died
/// after the commit left behind.
/// </summary>
public sealed class When_messages_go_through_the_outbox(SagaHarness harness) : IClassFixture<SagaHarness>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_start_a_recorded_job_and_send_its_command_keeping_nothing_stored()
    {
        await using var scope = harness.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<JobSubmission>().SubmitAsync(TrainingJobKind.Create, "u1", "a-outbox", "test",
            null, new TrainingHyperparameters(), [], null, null, CancellationToken.None);
        var jobId = submitted.JobId;

        Assert.True(await harness.Harness.Published.Any<JobSubmitted>(m => m.Context.Message.JobId == jobId));
        Assert.NotNull(await harness.Saga.Exists(jobId, m => m.Queued, Patience));
        await Eventually.True(() => harness.Harness.Sent.Any<StartTraining>(m => m.Context.Message.JobId == jobId), Patience, "StartTraining sent");
        await Eventually.True(async () => (await StoredAsync(jobId)).Count == 0, Patience, "the delivered messages removed from the outbox");
    }

    [Fact]
    public async Task Should_relay_what_was_committed_but_not_delivered_and_keep_what_it_cannot_read()
    {
        var jobId = NewId.NextGuid();
        var committedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var unreadable = new OutgoingMessage(new CancelTraining(jobId)).ToStored(committedAt.AddSeconds(-1));
        unreadable.MessageType = "AdapterPipeline.Contracts.Jobs.NoSuchMessage";
        var lost = new OutgoingMessage(new CancelTraining(jobId)).ToStored(committedAt);
        await using (var session = harness.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(unreadable, lost);
            await session.SaveChangesAsync();
        }

        await harness.Services.GetServices<IHostedService>().OfType<OutboxRelay>().Single().RelayAsync(CancellationToken.None);

        Assert.True(await harness.Harness.Published.Any<CancelTraining>(m => m.Context.Message.JobId == jobId && m.Context.MessageId == lost.Id));
        Assert.Equal([unreadable.Id], (await StoredAsync(jobId)).Select(m => m.Id));
    }

    private async Task<IReadOnlyList<OutboxMessage>> StoredAsync(Guid jobId)
    {
        await using var session = harness.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<OutboxMessage>().Where(m => m.Body.Contains(jobId.ToString())).ToListAsync();
    }
}
