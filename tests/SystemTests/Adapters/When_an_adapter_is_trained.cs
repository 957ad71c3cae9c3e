using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace AdapterPipeline.SystemTests.Adapters;

[Collection(PipelineCollection.Name)]
public sealed class When_an_adapter_is_trained(Pipeline pipeline) : IAsyncLifetime
{
    private readonly AvatarClient avatar = new(pipeline.Http);
    private Guid jobId;
    private JsonElement job;

    public async Task InitializeAsync()
    {
        await avatar.UploadCorpusAsync();
        jobId = await avatar.StartJobAsync();
        job = await avatar.WaitForEndAsync(jobId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Should_succeed_with_version_1()
    {
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("version").GetInt32());
        Assert.Equal(100, job.GetProperty("progress_percent").GetDouble());
        Assert.True(job.GetProperty("loss").GetDouble() > 0);
        Assert.Equal("persona.txt", job.GetProperty("files")[0].GetProperty("file_name").GetString());
    }

    [Fact]
    public async Task Should_serve_the_zip_with_its_version_headers()
    {
        using var response = await pipeline.Http.GetAsync(avatar.Adapters);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("X-Adapter-Version").Single());
        Assert.Equal("true", response.Headers.GetValues("X-Adapter-Trained").Single());
        Assert.Equal("tiny-llama", response.Headers.GetValues("X-Base-Model").Single());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), response.Headers.GetValues("X-Adapter-Sha256").Single());
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal(
            ["README.md", "adapter_config.json", "adapter_model.safetensors", "training_manifest.json"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var config = JsonDocument.Parse(zip.GetEntry("adapter_config.json")!.Open());
        Assert.Equal("LORA", config.RootElement.GetProperty("peft_type").GetString());
        using var manifest = JsonDocument.Parse(zip.GetEntry("training_manifest.json")!.Open());
        Assert.Equal(jobId.ToString(), manifest.RootElement.GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task Should_describe_the_version_with_its_metrics()
    {
        var info = await avatar.GetJsonAsync($"{avatar.Adapters}/info");

        Assert.Equal(1, info.GetProperty("current_version").GetInt32());
        var version = info.GetProperty("versions").EnumerateArray().Single();
        Assert.True(version.GetProperty("trained").GetBoolean());
        Assert.Equal(jobId, version.GetProperty("job_id").GetGuid());
        Assert.Equal("cpu", version.GetProperty("metrics").GetProperty("device").GetString());
        Assert.True(version.GetProperty("metrics").GetProperty("tokens_per_second").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("running_job_id").ValueKind);
    }

    [Fact]
    public async Task Should_point_current_json_at_the_new_version()
    {
        using var pointer = await pipeline.Store.GetAsync(
            ServiceDefaults.Storage.StorageKeys.AdapterPointer(avatar.UserId, avatar.AvatarId, "default"), CancellationToken.None);
        Assert.NotNull(pointer);
        using var json = await JsonDocument.ParseAsync(pointer.ResponseStream);
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Should_leave_nothing_in_staging()
    {
        var staged = await pipeline.Store.ListAsync(ServiceDefaults.Storage.StorageKeys.JobStaging(avatar.UserId, avatar.AvatarId, jobId), CancellationToken.None).CountAsync();
        Assert.Equal(0, staged);
    }

    [Fact]
    public async Task Should_record_the_history_of_the_job()
    {
        var events = await avatar.GetJsonAsync($"/jobs/{jobId}/events");
        var types = events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();

        Assert.Equal("queued", types[0]);
        Assert.Contains("started", types);
        Assert.Contains("progress", types);
        Assert.Equal(["trained", "succeeded"], types.Where(t => t is "trained" or "succeeded"));
    }

    [Fact]
    public async Task Should_record_the_job_and_version_in_the_avatar_history()
    {
        var history = await avatar.GetJsonAsync($"/avatars/{avatar.UserId}/{avatar.AvatarId}/history");
        var types = history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();

        Assert.Equal(["training_file_uploaded", "training_job_submitted", "adapter_version_recorded", "adapter_job_finished"],
            types.Where(t => t is not null && !t.StartsWith("training_flag")).ToList());
    }

    [Fact]
    public async Task Should_stream_the_history_as_server_sent_events()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{jobId}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await pipeline.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: job", body);
        Assert.Contains("\"succeeded\"", body);
    }
}
