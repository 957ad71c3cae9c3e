namespace AdapterPipeline.InferenceWorker.Adapters;

/// <summary>One stored version of an avatar's adapter.</summary>
public sealed record AdapterKey(string UserId, string AvatarId, int Version);
