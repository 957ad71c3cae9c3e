using System.Collections.Immutable;
using AdapterPipeline.Contracts.Adapters;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// An avatar's adapter, folded inline from the avatar stream (the same stream as its training data): versions, the
/// current one, the running job and the idempotency keys already used. Events it has no Apply for leave it unchanged.
/// </summary>
public sealed record AvatarAdapter
{
    public const string DefaultName = "default";

    /// <summary>The stream id (avatar:{user_id}:{avatar_id}).</summary>
    public string Id { get; init; } = "";

    public long Version { get; set; }

    public string AdapterName { get; init; } = DefaultName;

    public int CurrentVersion { get; init; }

    public ImmutableList<AdapterVersionInfo> Versions { get; init; } = [];

    /// <summary>Highest version ever recorded, deleted ones included, so a key is never reused.</summary>
    public int HighestVersion { get; init; }

    public Guid? RunningJobId { get; init; }

    public ImmutableDictionary<string, Guid> IdempotencyKeys { get; init; } = ImmutableDictionary<string, Guid>.Empty;

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public bool Exists => CurrentVersion > 0;

    public AdapterVersionInfo? Current => Versions.Find(v => v.Version == CurrentVersion);

    public AvatarAdapter Apply(TrainingJobSubmitted e) => this with
    {
        AdapterName = Exists ? AdapterName : e.AdapterName,
        RunningJobId = e.JobId,
        IdempotencyKeys = e.IdempotencyKey is null ? IdempotencyKeys : IdempotencyKeys.SetItem(e.IdempotencyKey, e.JobId),
    };

    public AvatarAdapter Apply(AdapterJobFinished e) => RunningJobId == e.JobId ? this with { RunningJobId = null } : this;

    public AvatarAdapter Apply(AdapterVersionRecorded e) => this with
    {
        AdapterName = e.AdapterName,
        CurrentVersion = e.Version,
        HighestVersion = Math.Max(HighestVersion, e.Version),
        Versions = Versions.Add(new AdapterVersionInfo(
            e.Version, e.Trained, e.BaseModel, e.Key, e.Sha256, e.SizeBytes, e.JobId, e.Metrics, e.RecordedAt)),
        CreatedAt = CreatedAt ?? e.RecordedAt,
        UpdatedAt = e.RecordedAt,
    };

    public AvatarAdapter Apply(AdapterVersionRestored e) => this with { CurrentVersion = e.Version, UpdatedAt = e.RestoredAt };

    public AvatarAdapter Apply(AdapterRemoved e) => this with
    {
        CurrentVersion = 0,
        Versions = [],
        CreatedAt = null,
        UpdatedAt = e.RemovedAt,
    };

    public AdapterInfo ToInfo(string userId, string avatarId)
    {
        var current = Current ?? throw new InvalidOperationException("The avatar has no adapter.");
        return new AdapterInfo(userId, avatarId, AdapterName, current.BaseModel, CurrentVersion, Versions, RunningJobId,
            CreatedAt ?? current.CreatedAt, UpdatedAt ?? current.CreatedAt);
    }
}
