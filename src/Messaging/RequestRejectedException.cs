using AdapterPipeline.Contracts.Requests;

namespace AdapterPipeline.Messaging;

/// <summary>
/// Thrown while handling a command or query that must be refused; <see cref="AnswerRejectionsFilter{TConsumer}"/>
/// answers it as <see cref="RequestRejected"/> instead of faulting the message.
/// </summary>
public sealed class RequestRejectedException(
    string reason, string detail, IReadOnlyDictionary<string, string[]>? errors = null, Guid? runningJobId = null, QuotaExceeded? quota = null)
    : Exception(detail)
{
    public string Reason { get; } = reason;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public Guid? RunningJobId { get; } = runningJobId;

    public QuotaExceeded? Quota { get; } = quota;

    public RequestRejected ToMessage() => new(Reason, Message, Errors, RunningJobId, Quota);

    /// <summary>A refusal naming the quota, its limit and what is in use, keyed <c>quota</c>.</summary>
    public static RequestRejectedException OverQuota(string quota, long limit, long used, string what)
    {
        var message = $"{quota}: {what} would exceed the limit of {limit} ({used} in use)";
        return new(RejectionReasons.QuotaExceeded, message, new Dictionary<string, string[]> { ["quota"] = [message] }, quota: new QuotaExceeded(quota, limit, used));
    }

    /// <summary>A rejection naming one field.</summary>
    public static RequestRejectedException Field(string reason, string field, string message, string? detail = null) =>
        new(reason, detail ?? message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Throws <paramref name="reason"/> (<see cref="RejectionReasons.Invalid"/> by default) when any field has a problem.</summary>
    public static void ThrowIfAny(IReadOnlyDictionary<string, string[]> errors, string reason = RejectionReasons.Invalid)
    {
        if (errors.Count > 0)
        {
            throw new RequestRejectedException(reason, "One or more fields are invalid.", errors);
        }
    }
}
