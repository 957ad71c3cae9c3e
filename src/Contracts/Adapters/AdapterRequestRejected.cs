namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Answer to an adapter or job command or query that could not be carried out; nothing was changed.
/// </summary>
/// <param name="Reason">
/// <c>invalid</c> (a field is out of range: see <paramref name="Errors"/>), <c>not_found</c> (unknown adapter, version
/// or job), <c>no_training_files</c> (nothing is flagged for training), <c>job_running</c> (the avatar already has a job:
/// see <paramref name="RunningJobId"/>), or <c>conflict</c> (the job is already finished).
/// </param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="Errors">Field-named messages for <c>invalid</c>, keyed by the snake_case field name.</param>
/// <param name="RunningJobId">The job in the way, for <c>job_running</c>.</param>
public sealed record AdapterRequestRejected(
    string Reason,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    Guid? RunningJobId = null);
