using AdapterPipeline.TestSupport;
using AdapterPipeline.Contracts.Webhooks;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

[Collection(WebhookCollection.Name)]
public sealed class When_the_receiver_fails(WebhookSystem system)
{
    private readonly Subscriber subscriber = new(system);
    private readonly string path = WebhookReceiver.NewPath();
    private WebhookReceiver Receiver => system.Receiver;

    [Fact]
    public async Task Should_retry_until_it_answers_2xx_and_then_stop()
    {
        Receiver.Answer(path, 500, 503, 200);
        var subscription = await subscriber.SubscribeAsync(Receiver.UrlFor(path));

        await subscriber.JobEndsAsync();

        var got = await Receiver.WaitForAsync(path, count: 3);
        await Task.Delay(2500);
        Assert.Equal(3, Receiver.At(path).Count);
        Assert.Single(got.Select(r => r.Id).Distinct());
        Assert.True(WebhookReceiver.HasValidSignature(got[2], subscription.GetProperty("secret").GetString()!));
        var delivery = await subscriber.WaitForDeliveryAsync(d => Subscriber.State(d) == "succeeded");
        Assert.Equal([500, 503, 200], Subscriber.Attempts(delivery).Select(a => a.GetProperty("status_code").GetInt32()));
    }

    [Fact]
    public async Task Should_give_up_after_the_last_attempt_of_the_schedule()
    {
        Receiver.Answer(path, 500);
        await subscriber.SubscribeAsync(Receiver.UrlFor(path));

        await subscriber.JobEndsAsync();

        var delivery = await subscriber.WaitForDeliveryAsync(d => Subscriber.State(d) == "failed");
        Assert.Equal(4, Subscriber.Attempts(delivery).Count);
        Assert.Equal(4, Receiver.At(path).Count);
    }

    [Fact]
    public async Task Should_disable_the_subscription_on_410_gone()
    {
        Receiver.Answer(path, 410);
        await subscriber.SubscribeAsync(Receiver.UrlFor(path));

        await subscriber.JobEndsAsync();

        var delivery = await subscriber.WaitForDeliveryAsync(d => Subscriber.State(d) == "disabled");
        Assert.Single(Subscriber.Attempts(delivery));
        var subscription = Assert.Single((await subscriber.GetAsync("/subscriptions")).GetProperty("subscriptions").EnumerateArray());
        Assert.False(subscription.GetProperty("enabled").GetBoolean());
        Assert.Contains("410", subscription.GetProperty("disabled_reason").GetString());

        await subscriber.JobEndsAsync();
        await Task.Delay(1500);
        Assert.Single(Receiver.At(path));
    }

    [Fact]
    public async Task Should_not_follow_a_redirect()
    {
        Receiver.Answer(path, 307);
        await subscriber.SubscribeAsync(Receiver.UrlFor(path));

        await subscriber.JobEndsAsync();

        var delivery = await subscriber.WaitForDeliveryAsync(d => Subscriber.Attempts(d).Count >= 1);
        var attempt = Subscriber.Attempts(delivery)[0];
        Assert.Equal(307, attempt.GetProperty("status_code").GetInt32());
        Assert.False(attempt.GetProperty("succeeded").GetBoolean());
        Assert.Empty(Receiver.At(path + "/moved"));
    }

    [Fact]
    public async Task Should_refuse_at_send_time_a_job_url_in_a_private_network()
    {
        await subscriber.JobEndsAsync(webhookUrl: "http://10.0.0.1:9/hook");

        var delivery = await subscriber.WaitForDeliveryAsync(d => Subscriber.Attempts(d).Count >= 1);

        var attempt = Subscriber.Attempts(delivery)[0];
        Assert.Contains("private network", attempt.GetProperty("error").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, attempt.GetProperty("status_code").ValueKind);
    }

    [Fact]
    public async Task Should_record_a_connection_error_when_nothing_listens()
    {
        var url = $"http://127.0.0.1:{WebhookReceiver.FreePort()}/hook";
        await subscriber.SubscribeAsync(url, WebhookEventTypes.TrainingSucceeded);

        await subscriber.JobEndsAsync();

        var delivery = await subscriber.WaitForDeliveryAsync(d => Subscriber.Attempts(d).Count >= 1);
        Assert.False(string.IsNullOrEmpty(Subscriber.Attempts(delivery)[0].GetProperty("error").GetString()));
    }
}
