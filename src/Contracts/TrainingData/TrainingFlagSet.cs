namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>A <see cref="SetTrainingFlag"/> took effect (also when the flag already had that value).</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="File">The file with its flag as it is now.</param>
/// <param name="StreamVersion">Version of the avatar's event stream after the change.</param>
public sealed record TrainingFlagSet(string UserId, string AvatarId, TrainingFileDetails File, long StreamVersion);
