namespace AdapterPipeline.Ingress.Tests.TrainingData;

[Collection(TrainingDataCollection.Name)]
public sealed class When_files_are_removed(TrainingDataSystem system) : IAsyncLifetime
{
    private readonly Avatar avatar = new(system.Http, system.Store);

    public async Task InitializeAsync()
    {
        await avatar.UploadOkAsync(("keep.txt", "k"), ("drop1.txt", "dd"), ("drop2.md", "a,b\n"));
        (await avatar.SetFlagAsync("drop1.txt", false)).EnsureSuccessStatusCode();
        (await avatar.SetFlagAsync("drop2.md", false)).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_remove_every_non_training_file_and_say_which()
    {
        using var response = await system.Http.DeleteAsync($"{avatar.Base}/non-training-files");
        var body = await Avatar.OkJsonAsync(response);

        Assert.Equal(["drop1.txt", "drop2.md"], body.GetProperty("removed").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()));
        Assert.Equal(2, body.GetProperty("removed_count").GetInt32());
        Assert.Equal(6, body.GetProperty("freed_bytes").GetInt64());
        Assert.Null(await avatar.ObjectAsync("drop1.txt"));
        Assert.Null(await avatar.ObjectAsync("drop2.md"));
        Assert.NotNull(await avatar.ObjectAsync("keep.txt"));
        Assert.Equal(new Dictionary<string, bool> { ["keep.txt"] = true }, await avatar.MetadataJsonInS3Async());
    }

    [Fact]
    public async Task Should_remove_nothing_when_every_file_is_for_training()
    {
        var other = new Avatar(system.Http, system.Store);
        await other.UploadOkAsync(("a.txt", "a"));

        using var response = await system.Http.DeleteAsync($"{other.Base}/non-training-files");
        var body = await Avatar.OkJsonAsync(response);

        Assert.Equal(0, body.GetProperty("removed_count").GetInt32());
        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = true }, await other.MetadataJsonInS3Async());
    }

    [Fact]
    public async Task Should_remove_one_file_record_and_object()
    {
        using var response = await system.Http.DeleteAsync($"{avatar.Base}/keep.txt");
        var body = await Avatar.OkJsonAsync(response);

        Assert.Equal("keep.txt", body.GetProperty("removed")[0].GetProperty("file_name").GetString());
        Assert.Null(await avatar.ObjectAsync("keep.txt"));
        Assert.Equal(new Dictionary<string, bool> { ["drop1.txt"] = false, ["drop2.md"] = false }, await avatar.MetadataJsonInS3Async());
        Assert.Equal(2, (await avatar.ListAsync()).GetProperty("total_files").GetInt32());
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_file_and_change_nothing()
    {
        using var response = await system.Http.DeleteAsync($"{avatar.Base}/nope.txt");

        Assert.Contains("file_name", (await Avatar.ProblemAsync(response, 404)).Keys);
        Assert.Equal(3, (await avatar.ListAsync()).GetProperty("total_files").GetInt32());
    }
}
