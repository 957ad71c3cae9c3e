namespace AdapterPipeline.Ingress.Tests.TrainingData;

/// <summary>Concurrent writers to one avatar: the stream's version check and the per-avatar lock lose nothing.</summary>
[Collection(TrainingDataCollection.Name)]
public sealed class When_many_changes_race(TrainingDataSystem system)
{
    private const int Count = 100;

    [Fact]
    public async Task Should_keep_all_of_100_concurrent_uploads()
    {
        var avatar = new Avatar(system.Http, system.Store);
        var names = Enumerable.Range(0, Count).Select(i => $"file-{i:D3}.txt").ToList();

        var responses = await Task.WhenAll(names.Select(n => avatar.UploadAsync(Avatar.Files((n, $"content of {n}")))));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        var list = await avatar.ListAsync("?limit=1000");
        Assert.Equal(names, list.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()));
        Assert.Equal(names.ToDictionary(n => n, _ => true), await avatar.MetadataJsonInS3Async());
    }

    [Fact]
    public async Task Should_keep_all_of_100_concurrent_flag_changes()
    {
        var avatar = new Avatar(system.Http, system.Store);
        var names = Enumerable.Range(0, Count).Select(i => $"file-{i:D3}.txt").ToList();
        await avatar.UploadOkAsync(names.Select(n => (n, n)).ToArray());

        var responses = await Task.WhenAll(names.Select(n => avatar.SetFlagAsync(n, false)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        Assert.Equal(0, (await avatar.ListAsync()).GetProperty("training_files").GetInt32());
        Assert.Equal(names.ToDictionary(n => n, _ => false), await avatar.MetadataJsonInS3Async());
    }
}
