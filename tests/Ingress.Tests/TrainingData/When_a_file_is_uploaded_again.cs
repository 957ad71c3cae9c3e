using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.TrainingData;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

[Collection(TrainingDataCollection.Name)]
public sealed class When_a_file_is_uploaded_again(TrainingDataSystem system) : IAsyncLifetime
{
    private readonly Avatar avatar = new(system.Http, system.Store);

    public async Task InitializeAsync()
    {
        await avatar.UploadOkAsync(("a.txt", "first version"));
        await avatar.UploadOkAsync(("a.txt", "second, longer version"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_replace_the_content_under_the_same_name()
    {
        var files = (await avatar.ListAsync()).GetProperty("files").EnumerateArray().ToList();

        var file = Assert.Single(files);
        Assert.Equal(Avatar.Sha256("second, longer version"), file.GetProperty("sha256").GetString());
        Assert.Equal("second, longer version"u8.ToArray(), await avatar.ObjectAsync("a.txt"));
    }

    [Fact]
    public async Task Should_keep_the_history_in_the_avatar_stream()
    {
        var store = system.MetadataService.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();

        var events = await session.Events.FetchStreamAsync(AvatarStreams.Id(avatar.UserId, avatar.AvatarId));

        Assert.Equal([typeof(TrainingFileUploaded), typeof(TrainingFileReplaced)], events.Select(e => e.EventType));
        Assert.Equal(Avatar.Sha256("first version"), ((TrainingFileUploaded)events[0].Data).Sha256);
    }

    [Fact]
    public async Task Should_list_the_name_once_in_metadata_json()
    {
        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = true }, await avatar.MetadataJsonInS3Async());
    }
}
