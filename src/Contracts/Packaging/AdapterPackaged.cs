namespace AdapterPipeline.Contracts.Packaging;

/// <summary>Event: the ZIP of a job's adapter is stored.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Version">Its version number.</param>
/// <param name="Key">Object key of the ZIP.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the ZIP.</param>
/// <param name="SizeBytes">Size of the ZIP.</param>
/// <param name="PackagingSeconds">The worker's own time on it.</param>
public sealed record AdapterPackaged(Guid JobId, int Version, string Key, string Sha256, long SizeBytes, double PackagingSeconds);
