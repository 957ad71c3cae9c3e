using System.Net;

namespace AdapterPipeline.SystemTests.Adapters;

[Collection(PipelineCollection.Name)]
public sealed class When_a_train_request_is_refused(Pipeline pipeline)
{
    private readonly AvatarClient avatar = new(pipeline.Http);

    [Theory]
    [InlineData("learning_rate", 0.0)]
    [InlineData("num_epochs", 0)]
    [InlineData("batch_size", 0)]
    [InlineData("lora_r", 0)]
    [InlineData("lora_dropout", 1.0)]
    public async Task Should_answer_422_naming_an_out_of_range_field(string field, double value)
    {
        await avatar.UploadCorpusAsync();

        using var response = await avatar.TrainAsync(new Dictionary<string, object> { [field] = value });

        Assert.True((await AvatarClient.ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("base_model", "no-such-model")]
    public async Task Should_answer_422_for_an_unknown_base_model(string field, string value)
    {
        await avatar.UploadCorpusAsync();

        using var response = await avatar.TrainAsync(new Dictionary<string, object> { [field] = value });

        Assert.True((await AvatarClient.ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Should_answer_422_for_an_unknown_target_module()
    {
        await avatar.UploadCorpusAsync();

        using var response = await avatar.TrainAsync(new { target_modules = new[] { "not_a_layer" } });

        Assert.True((await AvatarClient.ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).TryGetProperty("target_modules", out _));
    }

    [Theory]
    [InlineData("http://10.0.0.1/hooks")]
    [InlineData("http://169.254.169.254/latest")]
    [InlineData("ftp://example.org/hooks")]
    public async Task Should_answer_422_for_a_refused_webhook_url(string url)
    {
        await avatar.UploadCorpusAsync();

        using var response = await avatar.TrainAsync(new { webhook_url = url });

        Assert.True((await AvatarClient.ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).TryGetProperty("webhook_url", out _));
    }

    [Fact]
    public async Task Should_answer_422_when_no_file_is_flagged_for_training()
    {
        using var response = await avatar.TrainAsync();

        Assert.True((await AvatarClient.ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).TryGetProperty("files", out _));
    }

    [Fact]
    public async Task Should_answer_400_for_malformed_json()
    {
        using var response = await pipeline.Http.PostAsync($"{avatar.Adapters}/train",
            new StringContent("{\"num_epochs\": ", System.Text.Encoding.UTF8, "application/json"));

        await AvatarClient.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Should_answer_404_for_unknown_jobs_and_adapters()
    {
        Assert.True((await AvatarClient.ProblemAsync(await pipeline.Http.GetAsync($"/jobs/{Guid.NewGuid()}"), HttpStatusCode.NotFound)).TryGetProperty("job_id", out _));
        await AvatarClient.ProblemAsync(await pipeline.Http.GetAsync($"{avatar.Adapters}/info"), HttpStatusCode.NotFound);
        await AvatarClient.ProblemAsync(await pipeline.Http.DeleteAsync(avatar.Adapters), HttpStatusCode.NotFound);
        await AvatarClient.ProblemAsync(await pipeline.Http.PostAsync($"/jobs/{Guid.NewGuid()}/cancel", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_answer_400_for_an_id_outside_the_allowed_characters()
    {
        using var bad = await pipeline.Http.PostAsync("/adapters/bad..user/a1/train", null);

        Assert.True((await AvatarClient.ProblemAsync(bad, HttpStatusCode.BadRequest)).TryGetProperty("user_id", out _));
    }
}
