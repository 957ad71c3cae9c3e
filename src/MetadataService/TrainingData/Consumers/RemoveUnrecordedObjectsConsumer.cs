using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>
/// Deletes the objects of removed training files under the avatar's lock (a name uploaded again meanwhile keeps its
/// new object) and rewrites metadata.json from the committed state. Retried with backoff through an S3 outage.
/// </summary>
public sealed class RemoveUnrecordedObjectsConsumer(AvatarTrainingDataWriter writer) : IConsumer<RemoveUnrecordedObjects>
{
    public Task Consume(ConsumeContext<RemoveUnrecordedObjects> context) =>
        writer.MatchObjectsAsync(context.Message.UserId, context.Message.AvatarId, context.Message.FileNames, context.CancellationToken);
}
