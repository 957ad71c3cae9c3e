namespace AdapterPipeline.Contracts.Packaging;

/// <summary>Event: the ZIP could not be built or stored.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Error">What went wrong.</param>
public sealed record PackagingFailed(Guid JobId, string Error);
