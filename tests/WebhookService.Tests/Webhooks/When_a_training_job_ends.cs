using AdapterPipeline.TestSupport;
using System.Text.Json;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Webhooks;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

[Collection(WebhookCollection.Name)]
public sealed class When_a_training_job_ends(WebhookSystem system)
{
    private readonly Subscriber subscriber = new(system);
    private readonly string path = WebhookReceiver.NewPath();
    private WebhookReceiver Receiver => system.Receiver;

    [Fact]
    public async Task Should_send_the_event_once_with_a_valid_signature()
    {
        var subscription = await subscriber.SubscribeAsync(Receiver.UrlFor(path));

        var ended = await subscriber.JobEndsAsync();

        var got = await Receiver.WaitForAsync(path);
        await Task.Delay(1000);
        Assert.Single(Receiver.At(path));
        Assert.True(WebhookReceiver.HasValidSignature(got[0], subscription.GetProperty("secret").GetString()!));
        var body = JsonDocument.Parse(got[0].Body).RootElement;
        Assert.Equal("adapter.training.succeeded", body.GetProperty("type").GetString());
        Assert.Equal(ended.JobId, body.GetProperty("data").GetProperty("job_id").GetGuid());
        Assert.Equal(2, body.GetProperty("data").GetProperty("version").GetInt32());
        Assert.StartsWith("application/json", got[0].Headers["content-type"]);
    }

    [Fact]
    public async Task Should_not_verify_with_another_subscriptions_secret()
    {
        await subscriber.SubscribeAsync(Receiver.UrlFor(path));
        var other = await new Subscriber(system).SubscribeAsync(Receiver.UrlFor(WebhookReceiver.NewPath()));

        await subscriber.JobEndsAsync();

        var got = await Receiver.WaitForAsync(path);
        Assert.False(WebhookReceiver.HasValidSignature(got[0], other.GetProperty("secret").GetString()!));
    }

    [Fact]
    public async Task Should_send_it_to_the_jobs_own_url_signed_with_the_users_job_secret()
    {
        var secret = (await subscriber.GetAsync("/secret")).GetProperty("secret").GetString()!;

        await subscriber.JobEndsAsync(TrainingJobKind.Create, TrainingJobStates.Succeeded, webhookUrl: Receiver.UrlFor(path));

        var got = await Receiver.WaitForAsync(path);
        Assert.True(WebhookReceiver.HasValidSignature(got[0], secret));
        Assert.Equal("adapter.created", JsonDocument.Parse(got[0].Body).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Should_send_only_the_event_types_subscribed()
    {
        await subscriber.SubscribeAsync(Receiver.UrlFor(path), WebhookEventTypes.AdapterDeleted);

        await subscriber.JobEndsAsync();
        await subscriber.PublishAsync(new AdapterDeleted(subscriber.UserId, "avatar-1", "main", 4, null));

        var got = await Receiver.WaitForAsync(path);
        await Task.Delay(1000);
        Assert.Equal(["adapter.deleted"], Receiver.At(path).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()));
        Assert.Equal("deleted", JsonDocument.Parse(got[0].Body).RootElement.GetProperty("data").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Should_send_a_failed_job_with_its_error()
    {
        await subscriber.SubscribeAsync(Receiver.UrlFor(path));

        await subscriber.JobEndsAsync(state: TrainingJobStates.Failed);

        var body = JsonDocument.Parse((await Receiver.WaitForAsync(path))[0].Body).RootElement;
        Assert.Equal("adapter.training.failed", body.GetProperty("type").GetString());
        Assert.Equal("loss diverged", body.GetProperty("data").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Should_record_nothing_new_when_the_same_event_arrives_twice()
    {
        await subscriber.SubscribeAsync(Receiver.UrlFor(path));

        var ended = await subscriber.JobEndsAsync();
        await subscriber.PublishAsync(ended);

        await Receiver.WaitForAsync(path);
        await Task.Delay(1500);
        Assert.Single(Receiver.At(path));
        Assert.Single(await subscriber.DeliveriesAsync());
    }

    [Fact]
    public async Task Should_list_the_delivery_with_its_attempt()
    {
        var subscription = await subscriber.SubscribeAsync(Receiver.UrlFor(path));
        await subscriber.JobEndsAsync();

        var delivery = await subscriber.WaitForDeliveryAsync(d => Subscriber.State(d) == "succeeded");

        Assert.Equal("adapter.training.succeeded", delivery.GetProperty("event_type").GetString());
        Assert.Equal(Receiver.UrlFor(path), delivery.GetProperty("url").GetString());
        Assert.Equal(subscription.GetProperty("subscription_id").GetGuid(), delivery.GetProperty("subscription_id").GetGuid());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("next_attempt_at").ValueKind);
        var attempt = Assert.Single(Subscriber.Attempts(delivery));
        Assert.Equal(204, attempt.GetProperty("status_code").GetInt32());
        Assert.True(attempt.GetProperty("duration_ms").GetInt64() >= 0);
        Assert.True(attempt.GetProperty("attempted_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        var one = await subscriber.GetAsync($"/deliveries/{delivery.GetProperty("delivery_id").GetGuid()}");
        Assert.Equal(delivery.GetProperty("message_id").GetString(), one.GetProperty("message_id").GetString());
        Assert.Equal(Receiver.At(path)[0].Id, one.GetProperty("message_id").GetString());
    }

    [Fact]
    public async Task Should_send_it_again_on_redelivery_with_the_same_webhook_id()
    {
        await subscriber.SubscribeAsync(Receiver.UrlFor(path));
        await subscriber.JobEndsAsync();
        var delivery = await subscriber.WaitForDeliveryAsync(d => Subscriber.State(d) == "succeeded");

        using var response = await system.Http.PostAsync($"{subscriber.Base}/deliveries/{delivery.GetProperty("delivery_id").GetGuid()}/redeliver", null);

        Assert.Equal(202, (int)response.StatusCode);
        var got = await Receiver.WaitForAsync(path, count: 2);
        Assert.Equal(got[0].Id, got[1].Id);
        await subscriber.WaitForDeliveryAsync(d => Subscriber.State(d) == "succeeded" && Subscriber.Attempts(d).Count == 2);
    }

    [Fact]
    public async Task Should_page_the_deliveries_newest_first()
    {
        await subscriber.SubscribeAsync(Receiver.UrlFor(path));
        for (var i = 0; i < 3; i++)
        {
            await subscriber.JobEndsAsync();
            await Receiver.WaitForAsync(path, count: i + 1);
        }

        var first = await subscriber.GetAsync("/deliveries?limit=2");
        var second = await subscriber.GetAsync($"/deliveries?limit=2&cursor={first.GetProperty("next_cursor").GetString()}");

        var ids = first.GetProperty("deliveries").EnumerateArray().Concat(second.GetProperty("deliveries").EnumerateArray())
            .Select(d => d.GetProperty("delivery_id").GetGuid()).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        var created = first.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("created_at").GetDateTimeOffset()).ToList();
        Assert.True(created[0] >= created[1]);
    }
}
