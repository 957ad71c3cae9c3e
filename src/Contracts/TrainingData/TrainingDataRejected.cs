namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// A training-data command or query was refused and nothing changed. Answers any message of this namespace.
/// </summary>
/// <param name="UserId">Owner of the avatar, as given.</param>
/// <param name="AvatarId">The avatar, as given.</param>
/// <param name="Reason">
/// <c>invalid</c> (the message breaks a rule; see <paramref name="Errors"/>), <c>not_found</c> (an unknown file)
/// or <c>source_mismatch</c> (the object to record is missing or differs from what the message says).
/// </param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="Errors">Messages keyed by the offending field in snake_case, e.g. <c>file_name</c>.</param>
public sealed record TrainingDataRejected(
    string UserId,
    string AvatarId,
    string Reason,
    string Detail,
    IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Value of <see cref="Reason"/> for a message that breaks a rule.</summary>
    public const string Invalid = "invalid";

    /// <summary>Value of <see cref="Reason"/> for an unknown file.</summary>
    public const string NotFound = "not_found";

    /// <summary>Value of <see cref="Reason"/> when the object to record is missing or differs from the message.</summary>
    public const string SourceMismatch = "source_mismatch";
}
