namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>Answer to <see cref="GetTrainingFile"/>.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="File">The recorded file.</param>
/// <param name="Key">The object key the file's bytes lie under.</param>
public sealed record TrainingFileFound(string UserId, string AvatarId, TrainingFileDetails File, string Key);
