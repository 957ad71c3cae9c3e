using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.WebhookService.Webhooks;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

public sealed class When_retries_are_scheduled
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule Default = new WebhookOptions().EffectiveRetrySchedule;

    private static readonly WebhookEvent Event = WebhookEvents.From(new TrainingJobEnded(
        Guid.NewGuid(), TrainingJobKind.Train, "u1", "a1", "main", TrainingJobStates.Succeeded, 3, null, null, Now))!;

    private static WebhookDelivery NewDelivery() => WebhookDelivery.Create(Guid.NewGuid(), Event, "u1", Guid.NewGuid(), "https://example.com/h", Now, Default);

    private static WebhookAttemptOutcome Outcome(WebhookAttemptOutcome.Result kind, int? status = null) =>
        new(kind, new WebhookAttempt(Now, status, null, 5, kind == WebhookAttemptOutcome.Result.Delivered));

    [Fact]
    public void Should_default_to_immediately_then_5s_5min_30min_2h_5h_10h_10h()
    {
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
             TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            Default.Delays);
    }

    [Fact]
    public void Should_be_due_immediately_when_created()
    {
        var delivery = NewDelivery();

        Assert.Equal(WebhookDelivery.Pending, delivery.State);
        Assert.Equal(Now, delivery.NextAttemptAt);
    }

    [Fact]
    public void Should_wait_the_next_delay_after_each_failure_and_give_up_after_the_last()
    {
        var delivery = NewDelivery();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < Default.Attempts; i++)
        {
            var token = Guid.NewGuid();
            delivery = delivery.Claim(token, Now, TimeSpan.FromMinutes(1)).Record(Outcome(WebhookAttemptOutcome.Result.Failed, 500), Now, Default);
            if (delivery.NextAttemptAt is { } next)
            {
                waits.Add(next - Now);
            }
        }

        Assert.Equal(Default.Delays.Skip(1), waits);
        Assert.Equal(WebhookDelivery.Failed, delivery.State);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(Default.Attempts, delivery.Attempts.Count);
    }

    [Fact]
    public void Should_settle_on_success()
    {
        var delivery = NewDelivery().Record(Outcome(WebhookAttemptOutcome.Result.Delivered, 204), Now, Default);

        Assert.Equal(WebhookDelivery.Succeeded, delivery.State);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public void Should_stop_on_410_gone()
    {
        var delivery = NewDelivery().Record(Outcome(WebhookAttemptOutcome.Result.Gone, 410), Now, Default);

        Assert.Equal(WebhookDelivery.Disabled, delivery.State);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public void Should_start_the_schedule_afresh_on_redelivery()
    {
        var failed = NewDelivery();
        for (var i = 0; i < Default.Attempts; i++)
        {
            failed = failed.Record(Outcome(WebhookAttemptOutcome.Result.Failed, 500), Now, Default);
        }

        var again = failed.Redeliver(Now).Record(Outcome(WebhookAttemptOutcome.Result.Failed, 500), Now, Default);

        Assert.Equal(WebhookDelivery.Pending, again.State);
        Assert.Equal(Now + TimeSpan.FromSeconds(5), again.NextAttemptAt);
    }

    [Fact]
    public void Should_send_again_right_after_an_attempt_in_flight_when_redelivery_is_asked_meanwhile()
    {
        var token = Guid.NewGuid();
        var inFlight = NewDelivery().Claim(token, Now, TimeSpan.FromMinutes(1));

        var after = inFlight.Redeliver(Now.AddSeconds(1)).Record(Outcome(WebhookAttemptOutcome.Result.Delivered, 200), Now.AddSeconds(2), Default);

        Assert.Equal(WebhookDelivery.Pending, after.State);
        Assert.Equal(Now.AddSeconds(2), after.NextAttemptAt);
    }

    [Fact]
    public void Should_keep_the_creation_time_to_whole_microseconds()
    {
        var delivery = WebhookDelivery.Create(Guid.NewGuid(), Event, "u1", null, "https://example.com", Now.AddTicks(7), Default);

        Assert.Equal(Now, delivery.CreatedAt);
    }
}
