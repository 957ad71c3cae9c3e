using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>
/// Deletes the objects of removed training files under the avatar's lock (a name uploaded again meanwhile keeps its
/// new object) and rewrites metadata.json from the committed state. Retried with backoff through an S3 outage.
/// </summary>
public sealed class RemoveUnrecordedObjectsConsumer(AvatarTrainingDataWriter writer, ObjectStore store) : IConsumer<RemoveUnrecordedObjects>
{
    public async Task Consume(ConsumeContext<RemoveUnrecordedObjects> context)
    {
        var m = context.Message;
        await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(null), _ => [], context.CancellationToken,
            new AvatarEffects<AvatarTrainingData>(AfterCommit: async (change, ct) =>
            {
                foreach (var name in m.FileNames.Where(name => change.Committed?.Find(name) is null))
                {
                    await store.DeleteAsync(StorageKeys.TrainingFile(m.UserId, m.AvatarId, name), ct);
                }
            }));
    }
}
