using System.Text.Json;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.WebhookService.Webhooks;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

public sealed class When_job_events_become_webhooks
{
    private static readonly DateTimeOffset EndedAt = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static TrainingJobEnded Ended(string kind, string state, int? version = null, string? error = null) =>
        new(Guid.Parse("0b6f5a8e-64a4-4a55-a2a4-1cfb2b0e0f01"), kind, "user-1", "avatar-1", "main", state, version, error, null, EndedAt);

    [Theory]
    [InlineData(TrainingJobKind.Create, TrainingJobStates.Succeeded, WebhookEventTypes.AdapterCreated)]
    [InlineData(TrainingJobKind.Train, TrainingJobStates.Succeeded, WebhookEventTypes.TrainingSucceeded)]
    [InlineData(TrainingJobKind.Train, TrainingJobStates.Failed, WebhookEventTypes.TrainingFailed)]
    [InlineData(TrainingJobKind.Train, TrainingJobStates.Cancelled, WebhookEventTypes.TrainingCancelled)]
    [InlineData(TrainingJobKind.Create, TrainingJobStates.Failed, WebhookEventTypes.TrainingFailed)]
    [InlineData(TrainingJobKind.Create, TrainingJobStates.Cancelled, WebhookEventTypes.TrainingCancelled)]
    public void Should_map_each_final_job_to_its_event_type(string kind, string state, string expected) =>
        Assert.Equal(expected, WebhookEvents.TypeOf(Ended(kind, state)));

    [Theory]
    [InlineData(TrainingJobKind.Train, TrainingJobStates.Running)]
    [InlineData("merge", TrainingJobStates.Succeeded)]
    public void Should_announce_nothing_for_other_kinds_or_states(string kind, string state) => Assert.Null(WebhookEvents.From(Ended(kind, state)));

    [Fact]
    public void Should_write_the_standard_payload_in_snake_case()
    {
        var payload = JsonDocument.Parse(WebhookEvents.From(Ended(TrainingJobKind.Train, TrainingJobStates.Succeeded, version: 4))!.ToPayload()).RootElement;

        Assert.Equal("adapter.training.succeeded", payload.GetProperty("type").GetString());
        Assert.Equal(EndedAt, payload.GetProperty("timestamp").GetDateTimeOffset());
        var data = payload.GetProperty("data");
        Assert.Equal("0b6f5a8e-64a4-4a55-a2a4-1cfb2b0e0f01", data.GetProperty("job_id").GetString());
        Assert.Equal("user-1", data.GetProperty("user_id").GetString());
        Assert.Equal("avatar-1", data.GetProperty("avatar_id").GetString());
        Assert.Equal("main", data.GetProperty("adapter_name").GetString());
        Assert.Equal("succeeded", data.GetProperty("state").GetString());
        Assert.Equal(4, data.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("error").ValueKind);
    }

    [Fact]
    public void Should_carry_the_error_of_a_failed_job()
    {
        var payload = JsonDocument.Parse(WebhookEvents.From(Ended(TrainingJobKind.Train, TrainingJobStates.Failed, error: "out of memory"))!.ToPayload());

        Assert.Equal("out of memory", payload.RootElement.GetProperty("data").GetProperty("error").GetString());
    }

    [Fact]
    public void Should_announce_a_deleted_adapter()
    {
        var e = WebhookEvents.From(new AdapterDeleted("user-1", "avatar-1", "main", 3, null), EndedAt, Guid.NewGuid());

        Assert.Equal(WebhookEventTypes.AdapterDeleted, e.Type);
        Assert.Equal("deleted", e.Data.State);
    }

    [Fact]
    public void Should_give_the_same_delivery_id_when_the_same_job_ends_twice()
    {
        var first = WebhookEvents.From(Ended(TrainingJobKind.Train, TrainingJobStates.Succeeded))!;
        var again = WebhookEvents.From(Ended(TrainingJobKind.Train, TrainingJobStates.Succeeded))!;

        Assert.Equal(first.DeliveryIdFor("s1"), again.DeliveryIdFor("s1"));
        Assert.NotEqual(first.DeliveryIdFor("s1"), first.DeliveryIdFor("s2"));
    }
}
