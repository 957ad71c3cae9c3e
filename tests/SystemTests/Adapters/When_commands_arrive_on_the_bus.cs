using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.SystemTests.Adapters;

[Collection(PipelineCollection.Name)]
public sealed class When_commands_arrive_on_the_bus(Pipeline pipeline)
{
    private readonly AvatarClient avatar = new(pipeline.Http);

    private IBus Bus => pipeline.Metadata.Services.GetRequiredService<IBus>();

    [Fact]
    public async Task Should_start_one_job_for_a_duplicated_train_message()
    {
        await avatar.UploadCorpusAsync();
        var message = new TrainAdapter(avatar.UserId, avatar.AvatarId, new TrainingHyperparameters(NumEpochs: 1, BatchSize: 2, MaxSeqLength: 32));
        var messageId = NewId.NextGuid();

        await Bus.Publish(message, c => c.MessageId = messageId);
        await Bus.Publish(message, c => c.MessageId = messageId);

        var info = await WaitForAdapterAsync();
        Assert.Single(info.GetProperty("versions").EnumerateArray());
        var history = await avatar.GetJsonAsync($"/avatars/{avatar.UserId}/{avatar.AvatarId}/history");
        Assert.Single(history.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "training_job_submitted");
    }

    [Fact]
    public async Task Should_delete_an_adapter_as_the_http_call_does()
    {
        await pipeline.Http.PostAsync($"{avatar.Adapters}/create", null);

        await Bus.Publish(new DeleteAdapter(avatar.UserId, avatar.AvatarId));

        await Eventually.Until(async () =>
        {
            using var response = await pipeline.Http.GetAsync($"{avatar.Adapters}/info");
            return response.StatusCode;
        }, status => status == System.Net.HttpStatusCode.NotFound, TimeSpan.FromSeconds(10), "the adapter's deletion", status => status.ToString());
    }

    [Fact]
    public async Task Should_create_an_untrained_adapter_as_the_http_call_does()
    {
        await Bus.Publish(new CreateAdapter(avatar.UserId, avatar.AvatarId, "persona"));

        var info = await WaitForAdapterAsync();
        Assert.Equal("persona", info.GetProperty("adapter_name").GetString());
        Assert.False(info.GetProperty("versions")[0].GetProperty("trained").GetBoolean());
    }

    [Fact]
    public async Task Should_cancel_a_running_job_as_the_http_call_does()
    {
        await avatar.UploadLongCorpusAsync();
        var running = await avatar.StartJobAsync(AvatarClient.Long());
        await avatar.WaitForStateAsync(running, s => s == "running");

        await Bus.Publish(new Contracts.Jobs.CancelTrainingJob(running, "from another system"));

        var ended = await avatar.WaitForEndAsync(running, TimeSpan.FromSeconds(60));
        Assert.Equal("cancelled", ended.GetProperty("state").GetString());
        Assert.Contains("from another system", ended.GetProperty("error").GetString());
    }

    private async Task<System.Text.Json.JsonElement> WaitForAdapterAsync() =>
        (await Eventually.Until(InfoAsync, info => info?.GetProperty("running_job_id").ValueKind == System.Text.Json.JsonValueKind.Null,
            TimeSpan.FromMinutes(3), "an adapter recorded with no job running"))!.Value;

    /// <summary>The adapter's info, or null while it has none.</summary>
    private async Task<System.Text.Json.JsonElement?> InfoAsync()
    {
        using var response = await pipeline.Http.GetAsync($"{avatar.Adapters}/info");
        return response.IsSuccessStatusCode ? await AvatarClient.JsonAsync(response, System.Net.HttpStatusCode.OK) : null;
    }
}
