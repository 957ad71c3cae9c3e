using System.Reflection;
using System.Text.Json;
using AdapterPipeline.Contracts;
using MassTransit;

namespace AdapterPipeline.MetadataService.Outbox;

/// <summary>A message a change decided to send (to <see cref="Queue"/>) or publish (no queue) once it is committed.</summary>
public sealed record OutgoingMessage(object Message, string? Queue = null)
{
    /// <summary>The assemblies whose types a stored message may name: the public contracts and this service's own.</summary>
    private static readonly Assembly[] MessageAssemblies = [typeof(CommandQueues).Assembly, typeof(OutgoingMessage).Assembly];

    public OutboxMessage ToStored(DateTimeOffset now) => new()
    {
        Id = NewId.NextGuid(),
        Destination = Queue is null ? null : CommandQueues.Address(Queue).ToString(),
        MessageType = Message.GetType().FullName!,
        Body = JsonSerializer.Serialize(Message, Message.GetType()),
        CreatedAt = now,
    };

    /// <summary>The stored message as an object of its own type; null when no known type has its name.</summary>
    public static (object Message, Type Type)? TryRead(OutboxMessage stored) =>
        MessageAssemblies.Select(a => a.GetType(stored.MessageType)).FirstOrDefault(t => t is not null) is { } type
            ? (JsonSerializer.Deserialize(stored.Body, type)!, type)
            : null;
}
