using System.Text;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

/// <summary>Another system publishes the commands instead of calling the API: same effect, same rules.</summary>
[Collection(TrainingDataCollection.Name)]
public sealed class When_commands_are_published_on_the_bus(TrainingDataSystem system)
{
    private readonly Avatar avatar = new(system.Http, system.Store);
    private IBus Bus => system.Ingress.Services.GetRequiredService<IBus>();

    private async Task<StagedTrainingFile> StageAsync(string fileName, string text, bool useForTraining = true)
    {
        var uploadId = Guid.NewGuid().ToString("N");
        var key = StorageKeys.StagedUpload(avatar.UserId, avatar.AvatarId, uploadId);
        var stored = await system.Store.UploadAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(text)), "text/plain", CancellationToken.None);
        return new StagedTrainingFile(fileName, uploadId, stored.SizeBytes, stored.Sha256, "text/plain", useForTraining);
    }

    private static Task Eventually(Func<Task<bool>> condition) =>
        TestSupport.Eventually.True(condition, TimeSpan.FromSeconds(20), "the published command's effect");

    [Fact]
    public async Task Should_record_a_staged_file()
    {
        var staged = await StageAsync("published.txt", "from elsewhere");

        await Bus.Publish(new RecordTrainingFiles(avatar.UserId, avatar.AvatarId, [staged]));

        await Eventually(async () => (await avatar.MetadataJsonInS3Async())?.ContainsKey("published.txt") == true);
        Assert.Equal("from elsewhere"u8.ToArray(), await avatar.ObjectAsync("published.txt"));
        Assert.Equal(Avatar.Sha256("from elsewhere"), (await avatar.ListAsync()).GetProperty("files")[0].GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Should_record_a_file_written_straight_to_its_own_key()
    {
        var key = StorageKeys.TrainingFile(avatar.UserId, avatar.AvatarId, "direct.txt");
        var stored = await system.Store.UploadAsync(key, new MemoryStream("direct"u8.ToArray()), "text/plain", CancellationToken.None);

        await Bus.Publish(new RecordTrainingFiles(avatar.UserId, avatar.AvatarId,
            [new StagedTrainingFile("direct.txt", null, stored.SizeBytes, stored.Sha256, "text/plain", false)]));

        await Eventually(async () => (await avatar.MetadataJsonInS3Async())?.ContainsKey("direct.txt") == true);
        Assert.False((await avatar.MetadataAsync())["direct.txt"]);
    }

    [Fact]
    public async Task Should_change_a_flag_and_remove_a_file()
    {
        await avatar.UploadOkAsync(("a.txt", "a"), ("b.txt", "b"));

        await Bus.Publish(new SetTrainingFlag(avatar.UserId, avatar.AvatarId, "a.txt", false));
        await Bus.Publish(new RemoveTrainingFile(avatar.UserId, avatar.AvatarId, "b.txt"));

        await Eventually(async () => (await avatar.MetadataJsonInS3Async())!.SequenceEqual(new Dictionary<string, bool> { ["a.txt"] = false }));
        await Eventually(async () => await system.Store.HeadAsync(StorageKeys.TrainingFile(avatar.UserId, avatar.AvatarId, "b.txt"), CancellationToken.None) is null);
    }

    [Fact]
    public async Task Should_refuse_a_command_that_breaks_the_rules_and_change_nothing()
    {
        var conversation = NewId.NextGuid();
        var rejected = new TaskCompletionSource<RequestRejected>();
        var handle = Bus.ConnectReceiveEndpoint(e => e.Handler<RequestRejected>(c =>
        {
            if (c.ConversationId == conversation)
            {
                rejected.TrySetResult(c.Message);
            }
            return Task.CompletedTask;
        }));
        await handle.Ready;
        try
        {
            var staged = await StageAsync("../escape.txt", "nope");

            await Bus.Publish(new RecordTrainingFiles(avatar.UserId, avatar.AvatarId, [staged]), c => c.ConversationId = conversation);

            var answer = await rejected.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(RejectionReasons.Invalid, answer.Reason);
            Assert.Contains("file_name", answer.Errors.Keys);
            Assert.Null(await avatar.MetadataJsonInS3Async());
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    [Fact]
    public async Task Should_answer_the_files_flagged_for_training()
    {
        await avatar.UploadOkAsync(("a.txt", "aaa"), ("b.txt", "b"));
        (await avatar.SetFlagAsync("b.txt", false)).EnsureSuccessStatusCode();
        var client = system.Ingress.Services.GetRequiredService<IClientFactory>().CreateRequestClient<GetFilesForTraining>();

        var response = await client.GetResponse<FilesForTraining>(new GetFilesForTraining(avatar.UserId, avatar.AvatarId));

        var file = Assert.Single(response.Message.Files);
        Assert.Equal(new FileForTraining("a.txt", StorageKeys.TrainingFile(avatar.UserId, avatar.AvatarId, "a.txt"), 3, Avatar.Sha256("aaa")), file);
        Assert.True(response.Message.StreamVersion >= 2);
    }
}
