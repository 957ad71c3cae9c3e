namespace AdapterPipeline.Contracts.Requests;

/// <summary>
/// The one answer to any command or query of the metadata or webhook service that could not be carried out; nothing
/// was changed. A command published without a response address has this answer published instead.
/// </summary>
/// <param name="Reason">One of <see cref="RejectionReasons"/>.</param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="Errors">Messages keyed by the offending field in snake_case, e.g. <c>file_name</c>; may be empty.</param>
/// <param name="RunningJobId">The job in the way, for <see cref="RejectionReasons.JobRunning"/>.</param>
/// <param name="Quota">The quota in the way, for <see cref="RejectionReasons.QuotaExceeded"/>.</param>
public sealed record RequestRejected(
    string Reason,
    string Detail,
    IReadOnlyDictionary<string, string[]> Errors,
    Guid? RunningJobId = null,
    QuotaExceeded? Quota = null);
