using AdapterPipeline.TestSupport;

namespace AdapterPipeline.SystemTests.Adapters;

[Collection(PipelineCollection.Name)]
public sealed class When_a_worker_stops_mid_job(Pipeline pipeline)
{
    private readonly AvatarClient avatar = new(pipeline.Http);

    [Fact]
    public async Task Should_retry_the_job_on_another_worker_and_record_one_version()
    {
        await avatar.UploadCorpusAsync();
        var jobId = await avatar.StartJobAsync(AvatarClient.Quick(epochs: 60));
        await avatar.WaitForStateAsync(jobId, _ => true);
        await WaitForProgressAsync(jobId);

        await pipeline.Training.StopAsync();
        pipeline.Training.Dispose();
        pipeline.Training = await pipeline.StartTrainingWorkerAsync();
        var job = await avatar.WaitForEndAsync(jobId, TimeSpan.FromMinutes(5));

        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var events = await avatar.GetJsonAsync($"/jobs/{jobId}/events");
        var starts = events.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "started").ToList();
        Assert.True(starts.Count >= 2, $"expected a second start, got {events}");
        Assert.Contains("attempt 2", starts[^1].GetProperty("detail").GetString());
        var info = await avatar.GetJsonAsync($"{avatar.Adapters}/info");
        Assert.Single(info.GetProperty("versions").EnumerateArray());
    }

    private Task WaitForProgressAsync(Guid jobId) =>
        Eventually.Until(() => avatar.JobAsync(jobId), job => job.GetProperty("step").ValueKind == System.Text.Json.JsonValueKind.Number,
            TimeSpan.FromMinutes(1), "the job's first progress report", job => job.GetRawText());
}
