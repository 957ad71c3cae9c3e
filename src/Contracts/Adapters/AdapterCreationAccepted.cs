namespace AdapterPipeline.Contracts.Adapters;

/// <summary>Answer to <see cref="CreateAdapter"/>.</summary>
/// <param name="AlreadyExisted">True when the avatar already had an adapter and nothing was started.</param>
/// <param name="JobId">The creation job when one was started; null when the adapter already existed.</param>
public sealed record AdapterCreationAccepted(bool AlreadyExisted, Guid? JobId);
