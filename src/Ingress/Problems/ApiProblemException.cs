using AdapterPipeline.Contracts.Usage;
using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.Ingress.Problems;

/// <summary>
/// Thrown by handlers for any request the API refuses; answered as problem details with an <c>errors</c> dictionary
/// keyed by the offending field (see <see cref="ProblemMapping"/>).
/// </summary>
public sealed class ApiProblemException(
    ProblemKind kind, string detail, IDictionary<string, string[]> errors, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public ProblemKind Kind { get; } = kind;

    public IDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>Members added to the problem beside <c>errors</c>, e.g. a quota's name, limit and use.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ApiProblemException Invalid(ValidationErrors errors) =>
        new(ProblemKind.Invalid, "One or more fields are invalid.", errors.ToDictionary());

    public static ApiProblemException Invalid(string field, string message) =>
        new(ProblemKind.Invalid, message, ValidationErrors.Single(field, message));

    public static ApiProblemException NotFound(string field, string message) =>
        new(ProblemKind.NotFound, message, ValidationErrors.Single(field, message));

    public static ApiProblemException TooLarge(string field, string message) =>
        new(ProblemKind.TooLarge, message, ValidationErrors.Single(field, message));

    public static ApiProblemException UnsupportedType(string field, string message) =>
        new(ProblemKind.UnsupportedType, message, ValidationErrors.Single(field, message));

    /// <summary>
    /// Over a quota: 429 for those that free up as work ends (jobs, streams), 413 for bytes, 403 for counts; the
    /// problem names the quota, its limit and what is in use.
    /// </summary>
    public static ApiProblemException OverQuota(string quota, long limit, long used, string detail, IDictionary<string, string[]> errors)
    {
        var kind = quota switch
        {
            Quotas.ConcurrentJobsPerUser or Quotas.OpenEventStreamsPerUser => ProblemKind.TooManyRequests,
            Quotas.TrainingBytesPerAvatar or Quotas.TrainingBytesPerUser => ProblemKind.TooLarge,
            _ => ProblemKind.Forbidden,
        };
        return new ApiProblemException(kind, detail, errors, new Dictionary<string, object?> { ["quota"] = quota, ["limit"] = limit, ["used"] = used });
    }

    public static void ThrowIfAny(ValidationErrors errors)
    {
        if (!errors.IsEmpty)
        {
            throw Invalid(errors);
        }
    }
}
