namespace AdapterPipeline.MetadataService.Outbox;

/// <summary>
/// A message the metadata service sends or publishes because of a change it commits, stored in the same PostgreSQL
/// transaction as the change and deleted once the broker took it. Its id is the message id, so a message delivered
/// twice (the process died between the delivery and the delete) is recognisably the same message.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>The queue address it is sent to (<c>queue:…</c>); null when it is published.</summary>
    public string? Destination { get; set; }

    /// <summary>The message type's full name, resolved only among the service's own and the public contracts.</summary>
    public string MessageType { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
