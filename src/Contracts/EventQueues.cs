namespace AdapterPipeline.Contracts;

/// <summary>
/// Queues whose events must not be lost while their consumer has never run on the broker. The publisher binds the
/// queue to the event's exchange as well as the consumer does, so an event published before the consumer's first
/// start waits in it (RabbitMQ delivers a message once to a queue however many bindings lead there).
/// </summary>
public static class EventQueues
{
    /// <summary>Where the webhook service receives the events it turns into webhooks (job ends, adapter deletions).</summary>
    public const string WebhookEvents = "webhook-events";
}
