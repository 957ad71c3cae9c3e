using AdapterPipeline.ServiceDefaults.Resilience;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// Deletes the objects of training files whose removal was just committed. Should S3 fail, the removal is handed to
/// <see cref="RemoveUnrecordedObjects"/>, which is retried until the objects are gone and metadata.json matches: the
/// record is already gone, so retrying the request itself would answer 404 and leave the objects behind.
/// </summary>
public static class CommittedRemovals
{
    public static async Task DeleteAsync(
        ObjectStore store, IPublishEndpoint publisher, string userId, string avatarId, IReadOnlyList<string> fileNames)
    {
        try
        {
            foreach (var name in fileNames)
            {
                await store.DeleteAsync(StorageKeys.TrainingFile(userId, avatarId, name), CancellationToken.None);
            }
        }
        catch (Exception ex) when (TransientFaults.IsTransient(ex))
        {
            await publisher.Publish(new RemoveUnrecordedObjects(userId, avatarId, fileNames), CancellationToken.None);
        }
    }
}
