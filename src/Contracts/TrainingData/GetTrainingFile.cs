namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Asks for one recorded file. Answered with <see cref="TrainingFileFound"/> or <see cref="Requests.RequestRejected"/>
/// (<c>not_found</c>).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="FileName">The file.</param>
public sealed record GetTrainingFile(string UserId, string AvatarId, string FileName);
