using System.Net;

namespace AdapterPipeline.SystemTests.Adapters;

[Collection(PipelineCollection.Name)]
public sealed class When_jobs_compete_for_an_avatar(Pipeline pipeline)
{
    private readonly AvatarClient avatar = new(pipeline.Http);

    [Fact]
    public async Task Should_replay_the_same_job_for_the_same_idempotency_key()
    {
        await avatar.UploadCorpusAsync();

        using var first = await avatar.TrainAsync(idempotencyKey: "train-once");
        using var again = await avatar.TrainAsync(idempotencyKey: "train-once");
        var a = await AvatarClient.JsonAsync(first, HttpStatusCode.Accepted);
        var b = await AvatarClient.JsonAsync(again, HttpStatusCode.Accepted);

        Assert.Equal(a.GetProperty("job_id").GetGuid(), b.GetProperty("job_id").GetGuid());
        Assert.False(a.GetProperty("replayed").GetBoolean());
        Assert.True(b.GetProperty("replayed").GetBoolean());
        Assert.Equal($"/jobs/{a.GetProperty("job_id").GetGuid()}", again.Headers.Location?.OriginalString);
        await avatar.WaitForEndAsync(a.GetProperty("job_id").GetGuid());
    }

    [Fact]
    public async Task Should_answer_409_naming_the_running_job_then_cancel_it()
    {
        await avatar.UploadLongCorpusAsync();
        var running = await avatar.StartJobAsync(AvatarClient.Long());
        await avatar.WaitForStateAsync(running, s => s == "running");

        using var second = await avatar.TrainAsync();
        var errors = await AvatarClient.ProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(running.ToString(), errors.GetProperty("running_job_id")[0].GetString());

        using var cancel = await pipeline.Http.PostAsync($"/jobs/{running}/cancel?reason=test", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var ended = await avatar.WaitForEndAsync(running, TimeSpan.FromSeconds(60));
        Assert.Equal("cancelled", ended.GetProperty("state").GetString());
        await AvatarClient.ProblemAsync(await pipeline.Http.GetAsync($"{avatar.Adapters}/info"), HttpStatusCode.NotFound);

        using var finished = await pipeline.Http.PostAsync($"/jobs/{running}/cancel", null);
        await AvatarClient.ProblemAsync(finished, HttpStatusCode.Conflict);

        // The avatar is free again.
        var next = await avatar.StartJobAsync();
        Assert.Equal("succeeded", (await avatar.WaitForEndAsync(next)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Should_cancel_a_job_right_after_it_was_accepted()
    {
        await avatar.UploadLongCorpusAsync();
        var jobId = await avatar.StartJobAsync(AvatarClient.Long());

        using var cancel = await pipeline.Http.PostAsync($"/jobs/{jobId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", (await avatar.WaitForEndAsync(jobId, TimeSpan.FromSeconds(60))).GetProperty("state").GetString());
    }
}
