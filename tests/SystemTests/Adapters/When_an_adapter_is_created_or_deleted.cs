using System.IO.Compression;
using System.Net;

namespace AdapterPipeline.SystemTests.Adapters;

[Collection(PipelineCollection.Name)]
public sealed class When_an_adapter_is_created_or_deleted(Pipeline pipeline)
{
    private readonly AvatarClient avatar = new(pipeline.Http);

    [Fact]
    public async Task Should_create_an_untrained_adapter_once()
    {
        using var created = await pipeline.Http.PostAsync($"{avatar.Adapters}/create?adapter_name=persona", null);
        using var again = await pipeline.Http.PostAsync($"{avatar.Adapters}/create?adapter_name=persona", null);

        var info = await AvatarClient.JsonAsync(created, HttpStatusCode.Created);
        await AvatarClient.JsonAsync(again, HttpStatusCode.OK);
        Assert.Equal("persona", info.GetProperty("adapter_name").GetString());
        Assert.False(info.GetProperty("versions")[0].GetProperty("trained").GetBoolean());
    }

    [Fact]
    public async Task Should_create_the_untrained_adapter_on_first_download()
    {
        using var first = await pipeline.Http.GetAsync(avatar.Adapters);
        var job = (await AvatarClient.JsonAsync(first, HttpStatusCode.Accepted)).GetProperty("job_id").GetGuid();
        Assert.Equal($"/jobs/{job}", first.Headers.Location?.OriginalString);
        Assert.Equal("succeeded", (await avatar.WaitForEndAsync(job)).GetProperty("state").GetString());

        using var response = await pipeline.Http.GetAsync(avatar.Adapters);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("false", response.Headers.GetValues("X-Adapter-Trained").Single());
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.NotNull(zip.GetEntry("adapter_model.safetensors"));
    }

    [Fact]
    public async Task Should_delete_every_backup_object()
    {
        await pipeline.Http.PostAsync($"{avatar.Adapters}/create", null);

        using var deleted = await pipeline.Http.DeleteAsync(avatar.Adapters);

        var body = await AvatarClient.JsonAsync(deleted, HttpStatusCode.OK);
        Assert.True(body.GetProperty("objects_deleted").GetInt32() >= 1);
        var prefix = ServiceDefaults.Storage.StorageKeys.AdapterPrefix(avatar.UserId, avatar.AvatarId, "default");
        Assert.Equal(0, await pipeline.Store.ListAsync(prefix, CancellationToken.None).CountAsync());
        await AvatarClient.ProblemAsync(await pipeline.Http.GetAsync($"{avatar.Adapters}/info"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_cancel_a_running_job_when_deleted_while_training()
    {
        await avatar.UploadCorpusAsync();
        await avatar.WaitForEndAsync(await avatar.StartJobAsync());
        await avatar.UploadLongCorpusAsync();
        var running = await avatar.StartJobAsync(AvatarClient.Long());
        await avatar.WaitForStateAsync(running, s => s == "running");

        using var deleted = await pipeline.Http.DeleteAsync(avatar.Adapters);

        var body = await AvatarClient.JsonAsync(deleted, HttpStatusCode.OK);
        Assert.Equal(running, body.GetProperty("cancelled_job_id").GetGuid());
        Assert.Equal("cancelled", (await avatar.WaitForEndAsync(running, TimeSpan.FromSeconds(60))).GetProperty("state").GetString());
        await AvatarClient.ProblemAsync(await pipeline.Http.GetAsync($"{avatar.Adapters}/info"), HttpStatusCode.NotFound);
        var prefix = ServiceDefaults.Storage.StorageKeys.AdapterPrefix(avatar.UserId, avatar.AvatarId, "default");
        Assert.Equal(0, await pipeline.Store.ListAsync(prefix, CancellationToken.None).CountAsync());
    }
}
