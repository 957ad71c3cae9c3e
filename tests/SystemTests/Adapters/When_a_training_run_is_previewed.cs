using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.SystemTests.Adapters;

[Collection(PipelineCollection.Name)]
public sealed class When_a_training_run_is_previewed(Pipeline pipeline)
{
    private readonly AvatarClient avatar = new(pipeline.Http);

    private const string Chat =
        """
        {"messages": [{"role": "system", "content": "You are Ada."}, {"role": "user", "content": "Who are you?"}, {"role": "assistant", "content": "I am Ada."}]}
        {"messages": [{"role": "user", "content": "What do you like?"}, {"role": "assistant", "content": "Numbers and tea."}]}
        {"messages": [{"role": "user", "content": "Where?"}, {"role": "assistant", "content": "In the engine room."}]}

        """;

    private static readonly object Settings = new { num_epochs = "auto", learning_rate = "auto", batch_size = "auto", max_seq_length = 128, base_model = "tiny-llama" };

    /// <summary>
    /// The upload refuses a record the trainer cannot read, so the broken file comes the way another system records
    /// files: staged in S3 and recorded over the bus, which the upload check never sees.
    /// </summary>
    private async Task UploadAsync()
    {
        await avatar.UploadAsync(("chat.jsonl", Chat));
        var broken = Encoding.UTF8.GetBytes(Chat.Split('\n')[0] + "\n{\"messages\": \"not a list\"}\n");
        var uploadId = Guid.NewGuid().ToString("N");
        var stored = await pipeline.Store.UploadAsync(StorageKeys.StagedUpload(avatar.UserId, avatar.AvatarId, uploadId),
            new MemoryStream(broken), "application/jsonl", CancellationToken.None);
        await pipeline.Ingress.Services.GetRequiredService<IBus>().Publish(new RecordTrainingFiles(avatar.UserId, avatar.AvatarId,
            [new StagedTrainingFile("broken.jsonl", uploadId, stored.SizeBytes, stored.Sha256, "application/jsonl", true)]));
        await Eventually.True(async () => (await avatar.GetJsonAsync($"/training-data/{avatar.UserId}/{avatar.AvatarId}/metadata")).TryGetProperty("broken.jsonl", out _),
            TimeSpan.FromSeconds(30), "broken.jsonl recorded over the bus");
    }

    [Fact]
    public async Task Should_answer_counts_estimates_resolved_settings_and_data_errors_by_file_and_line()
    {
        await UploadAsync();

        using var response = await pipeline.Http.PostAsJsonAsync($"/training-data/{avatar.UserId}/{avatar.AvatarId}/validate", Settings);

        var preview = await AvatarClient.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(3, preview.GetProperty("examples").GetInt32());
        Assert.True(preview.GetProperty("tokens_trained").GetInt64() > 0);
        Assert.True(preview.GetProperty("tokens_total").GetInt64() > preview.GetProperty("tokens_trained").GetInt64());
        Assert.Equal(0, preview.GetProperty("truncated_examples").GetInt32());
        Assert.True(preview.GetProperty("steps").GetInt32() >= 1);
        Assert.True(preview.GetProperty("estimated_seconds").GetDouble() > 0);
        Assert.True(preview.GetProperty("estimated_memory_bytes").GetInt64() > 0);
        var hyperparameters = preview.GetProperty("hyperparameters");
        Assert.Equal(JsonValueKind.Number, hyperparameters.GetProperty("num_epochs").ValueKind);
        Assert.Equal(JsonValueKind.Number, hyperparameters.GetProperty("learning_rate").ValueKind);
        Assert.Equal(3, hyperparameters.GetProperty("batch_size").GetInt32());
        var error = Assert.Single(preview.GetProperty("errors").EnumerateArray());
        Assert.Equal("broken.jsonl", error.GetProperty("file").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Contains("messages", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Should_answer_the_same_for_a_dry_run_of_train_and_queue_nothing()
    {
        await UploadAsync();
        using var validated = await pipeline.Http.PostAsJsonAsync($"/training-data/{avatar.UserId}/{avatar.AvatarId}/validate", Settings);
        var expected = await AvatarClient.JsonAsync(validated, HttpStatusCode.OK);

        using var response = await pipeline.Http.PostAsJsonAsync($"{avatar.Adapters}/train?dry_run=true", Settings);

        var preview = await AvatarClient.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(expected.GetProperty("tokens_trained").GetInt64(), preview.GetProperty("tokens_trained").GetInt64());
        Assert.Equal(expected.GetProperty("steps").GetInt32(), preview.GetProperty("steps").GetInt32());
        // A queued job would hold the avatar: a real train right after would be refused as job_running.
        await AvatarClient.JsonAsync(await avatar.TrainAsync(), HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Should_answer_422_naming_a_setting_the_trainer_refuses()
    {
        await UploadAsync();

        using var response = await pipeline.Http.PostAsJsonAsync($"{avatar.Adapters}/train?dry_run=true", new { target_modules = new[] { "not_a_layer" } });

        Assert.True((await AvatarClient.ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).TryGetProperty("target_modules", out _));
    }
}
