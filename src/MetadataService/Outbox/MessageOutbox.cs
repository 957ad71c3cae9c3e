using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Outbox;

/// <summary>
/// The metadata service's transactional outbox: the messages that follow from a change (a saga transition, an avatar
/// stream append) are stored in the transaction that commits it, handed to the broker right after the commit and then
/// deleted. What the broker did not take (it was down, the process died) stays stored for <see cref="OutboxRelay"/>,
/// so no message is lost between a commit and a publish; one delivered twice carries the same message id.
/// </summary>
public sealed partial class MessageOutbox(TimeProvider clock, ILogger<MessageOutbox> logger)
{
    /// <summary>Adds <paramref name="messages"/> to <paramref name="session"/>, to commit with its changes, and returns them as stored.</summary>
    public IReadOnlyList<OutboxMessage> Stage(IDocumentSession session, IEnumerable<OutgoingMessage> messages)
    {
        var now = clock.GetUtcNow();
        var stored = messages.Select(m => m.ToStored(now)).ToArray();
        if (stored.Length > 0)
        {
            session.Store(stored);
        }
        return stored;
    }

    /// <summary>
    /// Sends or publishes committed messages in order and deletes those the broker took; stops at the first the broker
    /// refuses, leaving the rest for the relay. Never throws: the state they follow from is already committed.
    /// </summary>
    public async Task<int> DispatchAsync(
        IDocumentSession session, IReadOnlyList<OutboxMessage> messages, IPublishEndpoint publish, ISendEndpointProvider send, CancellationToken ct)
    {
        var delivered = 0;
        foreach (var stored in messages)
        {
            if (OutgoingMessage.TryRead(stored) is not { } read)
            {
                // Written by another version of this service: kept for an operator, never guessed at.
                LogUnreadable(stored.Id, stored.MessageType);
                continue;
            }
            try
            {
                var (message, type) = read;
                if (stored.Destination is { } destination)
                {
                    var endpoint = await send.GetSendEndpoint(new Uri(destination));
                    await endpoint.Send(message, type, Pipe.Execute<SendContext>(c => c.MessageId = stored.Id), ct);
                }
                else
                {
                    await publish.Publish(message, type, Pipe.Execute<PublishContext>(c => c.MessageId = stored.Id), ct);
                }
            }
            catch (Exception ex)
            {
                LogDeliveryFailed(ex, stored.Id, stored.MessageType);
                break;
            }
            session.Delete(stored);
            delivered++;
        }
        if (delivered > 0)
        {
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception ex)
            {
                // Sent but still stored: the relay sends them again, with the same message ids.
                LogDeleteFailed(ex, delivered);
            }
        }
        return delivered;
    }

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({MessageType}) was not handed to the broker; the relay retries it")]
    private partial void LogDeliveryFailed(Exception exception, Guid messageId, string messageType);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} names the message type {MessageType}, which this service does not know; it stays stored")]
    private partial void LogUnreadable(Guid messageId, string messageType);

    [LoggerMessage(LogLevel.Warning, "{Count} delivered outbox message(s) could not be deleted; they will be delivered again")]
    private partial void LogDeleteFailed(Exception exception, int count);
}
