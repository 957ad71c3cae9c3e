using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs.Consumers;

/// <summary>
/// Removes what an ended job's workers still produced: its staged files, and its ZIP when the object under the
/// version key is this job's (a later job may have taken the same version number). Its own consumer with its own
/// retries, so an S3 outage delays the cleanup instead of faulting a saga transition.
/// </summary>
public sealed class DiscardJobArtifactsConsumer(ObjectStore objects) : IConsumer<DiscardJobArtifacts>
{
    public async Task Consume(ConsumeContext<DiscardJobArtifacts> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        await objects.DeletePrefixAsync(StorageKeys.JobStaging(m.UserId, m.AvatarId, m.JobId), ct);
        if (m.Version is not { } version)
        {
            return;
        }
        var key = StorageKeys.AdapterVersion(m.UserId, m.AvatarId, m.AdapterName, version);
        var head = await objects.HeadAsync(key, ct);
        if (head?.Metadata[AdapterZipMetadata.JobId] is { } owner && Guid.TryParse(owner, out var ownerJob) && ownerJob == m.JobId)
        {
            await objects.DeleteAsync(key, ct);
        }
    }
}
