namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Holds a recorded file out as evaluation data of training runs (instead of the automatic split) or stops doing so.
/// Answered with <see cref="TrainingFlagSet"/> or <see cref="Requests.RequestRejected"/> (<c>not_found</c> for an
/// unknown file). The training flag and metadata.json are unchanged by it.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="FileName">A recorded file.</param>
/// <param name="UseForEval">The new flag.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record SetEvalFlag(string UserId, string AvatarId, string FileName, bool UseForEval, string? ActedBy = null);
