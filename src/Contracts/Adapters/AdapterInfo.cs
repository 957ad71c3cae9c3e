namespace AdapterPipeline.Contracts.Adapters;

/// <summary>An avatar's adapter: its versions and which one is current.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AdapterName">The adapter's name.</param>
/// <param name="BaseModel">Base model of the current version.</param>
/// <param name="CurrentVersion">The version downloads serve.</param>
/// <param name="Versions">Every version still stored, oldest first.</param>
/// <param name="RunningJobId">The avatar's job in progress, if any.</param>
/// <param name="CreatedAt">When the first version was recorded.</param>
/// <param name="UpdatedAt">When the current version last changed.</param>
public sealed record AdapterInfo(
    string UserId,
    string AvatarId,
    string AdapterName,
    string BaseModel,
    int CurrentVersion,
    IReadOnlyList<AdapterVersionInfo> Versions,
    Guid? RunningJobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One packaged version of an adapter.</summary>
/// <param name="Version">1, 2, 3, …</param>
/// <param name="Trained">False for an untrained (B = 0) adapter.</param>
/// <param name="BaseModel">The base model it adapts.</param>
/// <param name="Key">Object key of its ZIP.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the ZIP.</param>
/// <param name="SizeBytes">Size of the ZIP.</param>
/// <param name="JobId">The job that produced it.</param>
/// <param name="Metrics">Training metrics (final losses, tokens/s, device, …); null when untrained.</param>
/// <param name="CreatedAt">When it was recorded.</param>
public sealed record AdapterVersionInfo(
    int Version,
    bool Trained,
    string BaseModel,
    string Key,
    string Sha256,
    long SizeBytes,
    Guid JobId,
    TrainingMetricsSummary? Metrics,
    DateTimeOffset CreatedAt);

/// <summary>Headline training metrics (the full loss curve is in the ZIP's training_manifest.json).</summary>
/// <param name="FinalTrainLoss">Mean training loss over the last logged steps.</param>
/// <param name="FinalEvalLoss">Loss on the held-out split at the end, if there was one.</param>
/// <param name="TokensPerSecond">Training throughput.</param>
/// <param name="Device">cpu or cuda.</param>
/// <param name="Dtype">float32, bfloat16, …</param>
/// <param name="WallSeconds">Training wall time.</param>
/// <param name="Steps">Optimizer steps taken.</param>
public sealed record TrainingMetricsSummary(
    double? FinalTrainLoss,
    double? FinalEvalLoss,
    double TokensPerSecond,
    string Device,
    string Dtype,
    double WallSeconds,
    int Steps);
