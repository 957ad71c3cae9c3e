using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.Outbox;
using AdapterPipeline.MetadataService.Tests.Jobs;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Marten;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.MetadataService.Tests.Avatars;

/// <summary>
/// The follow-up of an avatar change is committed with its events: sent at once when the S3 work after the commit
/// fails transiently, delivered by the outbox relay when the process dies before that work is done, and discarded when
/// it is done. Here the follow-up rewrites current.json, so the pointer in S3 shows that it ran.
/// </summary>
public sealed class When_s3_work_after_a_commit_does_not_finish(SagaHarness harness) : IClassFixture<SagaHarness>
{
    [Fact]
    public async Task Should_send_the_follow_up_at_once_when_s3_fails()
    {
        var avatarId = $"a-{Guid.NewGuid():N}"[..20];

        var change = await ChangeAsync(avatarId, (_, _) => throw new HttpRequestException("S3 unreachable"));

        Assert.Single(change.Events);
        Assert.True(await harness.Harness.Published.Any<MatchAdapterObjects>(m => m.Context.Message.AvatarId == avatarId));
        await Eventually.True(async () => await PointedVersionAsync(avatarId) == 1, TimeSpan.FromSeconds(20), "current.json written by the follow-up");
        await Eventually.True(async () => (await StoredAsync(avatarId)).Count == 0, TimeSpan.FromSeconds(10), "the delivered follow-up removed from the outbox");
    }

    [Fact]
    public async Task Should_leave_the_follow_up_to_the_relay_when_the_process_dies_after_the_commit()
    {
        var avatarId = $"a-{Guid.NewGuid():N}"[..20];

        // An error that is not transient propagates, as a process dying here would leave things: committed, S3 untouched.
        await Assert.ThrowsAsync<InvalidOperationException>(() => ChangeAsync(avatarId, (_, _) => throw new InvalidOperationException("process gone")));

        Assert.Single(await StoredAsync(avatarId));
        Assert.Null(await PointedVersionAsync(avatarId));
        await Eventually.True(async () => await PointedVersionAsync(avatarId) == 1, TimeSpan.FromSeconds(60), "current.json written by the relayed follow-up");
    }

    [Fact]
    public async Task Should_discard_the_follow_up_once_the_work_is_done()
    {
        var avatarId = $"a-{Guid.NewGuid():N}"[..20];
        var objects = harness.Services.GetRequiredService<AdapterObjects>();

        await ChangeAsync(avatarId, (change, ct) => objects.WritePointerAsync("u1", avatarId, change.Committed!, ct));

        Assert.Empty(await StoredAsync(avatarId));
        Assert.Equal(1, await PointedVersionAsync(avatarId));
    }

    private Task<AvatarChange<AvatarAdapter>> ChangeAsync(string avatarId, Func<AvatarChange<AvatarAdapter>, CancellationToken, Task> afterCommit) =>
        harness.Services.GetRequiredService<AvatarStreamWriter>().ChangeAsync("u1", avatarId, "test", id => new AvatarAdapter { Id = id },
            _ =>
            [
                new AdapterVersionRecorded(Guid.NewGuid(), "default", 1, true, "tiny-llama",
                    StorageKeys.AdapterVersion("u1", avatarId, "default", 1), new string('a', 64), 10, null, DateTimeOffset.UtcNow),
            ],
            new AvatarEffects<AvatarAdapter>(AfterCommit: afterCommit, FollowUp: _ => new MatchAdapterObjects("u1", avatarId)),
            CancellationToken.None);

    private async Task<IReadOnlyList<OutboxMessage>> StoredAsync(string avatarId)
    {
        await using var session = harness.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<OutboxMessage>().Where(m => m.Body.Contains(avatarId)).ToListAsync();
    }

    private async Task<int?> PointedVersionAsync(string avatarId) =>
        (await WholeObjectReads.JsonAsync(harness.Services.GetRequiredService<ObjectStore>(), StorageKeys.AdapterPointer("u1", avatarId, "default")))
            ?.GetProperty("version").GetInt32();
}
