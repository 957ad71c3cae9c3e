using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>A rotated secret keeps signing beside the new one for the overlap: each webhook carries both signatures.</summary>
[Collection(WebhookCollection.Name)]
public sealed class When_signing_secrets_are_rotated(WebhookSystem system)
{
    private readonly Subscriber subscriber = new(system);
    private readonly string path = WebhookReceiver.NewPath();
    private WebhookReceiver Receiver => system.Receiver;

    [Fact]
    public async Task Should_sign_a_subscriptions_webhooks_with_the_new_and_the_old_secret()
    {
        var subscription = await subscriber.SubscribeAsync(Receiver.UrlFor(path));
        var old = subscription.GetProperty("secret").GetString()!;

        var rotated = await subscriber.PostAsync($"/subscriptions/{subscription.GetProperty("subscription_id").GetGuid()}/secret/rotate");
        await subscriber.JobEndsAsync();

        var got = (await Receiver.WaitForAsync(path))[0];
        var secret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(old, secret);
        Assert.True(rotated.GetProperty("previous_secret_valid_until").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));
        Assert.Equal(2, got.Headers["webhook-signature"].Split(' ').Length);
        Assert.True(WebhookReceiver.HasValidSignature(got, secret));
        Assert.True(WebhookReceiver.HasValidSignature(got, old));
    }

    [Fact]
    public async Task Should_sign_a_jobs_own_webhooks_with_the_new_and_the_old_secret()
    {
        var old = (await subscriber.GetAsync("/secret")).GetProperty("secret").GetString()!;

        var secret = (await subscriber.PostAsync("/secret/rotate")).GetProperty("secret").GetString()!;
        await subscriber.JobEndsAsync(TrainingJobKind.Create, TrainingJobStates.Succeeded, webhookUrl: Receiver.UrlFor(path));

        var got = (await Receiver.WaitForAsync(path))[0];
        Assert.NotEqual(old, secret);
        Assert.Equal(secret, (await subscriber.GetAsync("/secret")).GetProperty("secret").GetString());
        Assert.True(WebhookReceiver.HasValidSignature(got, secret));
        Assert.True(WebhookReceiver.HasValidSignature(got, old));
    }

    [Fact]
    public async Task Should_answer_404_for_another_users_subscription()
    {
        var others = await new Subscriber(system).SubscribeAsync(Receiver.UrlFor(path));

        using var response = await system.Http.PostAsync($"{subscriber.Base}/subscriptions/{others.GetProperty("subscription_id").GetGuid()}/secret/rotate", null);

        Assert.Contains("subscription_id", (await Subscriber.ProblemAsync(response, 404)).Keys);
    }
}
