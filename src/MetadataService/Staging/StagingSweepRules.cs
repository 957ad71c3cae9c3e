using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.MetadataService.Staging;

/// <summary>An object as a bucket listing shows it.</summary>
public sealed record ListedObject(string Key, DateTimeOffset LastModified);

/// <summary>Which staged objects the sweep deletes: a pure decision, so that what it never touches can be tested alone.</summary>
public static class StagingSweepRules
{
    /// <summary>
    /// The staged uploads (<see cref="StorageKeys.IsStagedUpload"/>) last modified at least <paramref name="age"/> before
    /// <paramref name="now"/>. Anything else in the listing (training files, adapters, a job's staging and checkpoint)
    /// is never chosen, whatever its age.
    /// </summary>
    public static IReadOnlyList<string> Abandoned(IEnumerable<ListedObject> listing, DateTimeOffset now, TimeSpan age) =>
        listing.Where(o => StorageKeys.IsStagedUpload(o.Key) && now - o.LastModified >= age).Select(o => o.Key).ToList();
}
