using System.Net;

namespace AdapterPipeline.SystemTests.Adapters;

[Collection(PipelineCollection.Name)]
public sealed class When_versions_accumulate(Pipeline pipeline)
{
    private readonly AvatarClient avatar = new(pipeline.Http);

    [Fact]
    public async Task Should_restore_an_older_version_as_a_new_event()
    {
        await avatar.UploadCorpusAsync();
        await avatar.WaitForEndAsync(await avatar.StartJobAsync());
        await avatar.WaitForEndAsync(await avatar.StartJobAsync());
        var versions = await avatar.GetJsonAsync($"{avatar.Adapters}/versions");
        Assert.Equal(2, versions.GetProperty("current_version").GetInt32());
        Assert.Equal([1, 2], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        using var restore = await pipeline.Http.PostAsync($"{avatar.Adapters}/versions/1/restore", null);
        var info = await AvatarClient.JsonAsync(restore, HttpStatusCode.OK);

        Assert.Equal(1, info.GetProperty("current_version").GetInt32());
        using var download = await pipeline.Http.GetAsync(avatar.Adapters);
        Assert.Equal("1", download.Headers.GetValues("X-Adapter-Version").Single());
        var history = await avatar.GetJsonAsync($"/avatars/{avatar.UserId}/{avatar.AvatarId}/history");
        Assert.Equal("adapter_version_restored", history.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());
        await AvatarClient.ProblemAsync(await pipeline.Http.PostAsync($"{avatar.Adapters}/versions/9/restore", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_page_the_avatar_history()
    {
        await avatar.UploadAsync(("a.txt", "one"), ("b.txt", "two"), ("c.txt", "three"));

        var first = await avatar.GetJsonAsync($"/avatars/{avatar.UserId}/{avatar.AvatarId}/history?limit=2");
        var after = first.GetProperty("next_after_version").GetInt64();
        var second = await avatar.GetJsonAsync($"/avatars/{avatar.UserId}/{avatar.AvatarId}/history?limit=2&after_version={after}");

        Assert.Equal([1L, 2L], first.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal([3L], second.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("next_after_version").ValueKind);
    }
}
