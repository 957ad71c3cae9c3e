using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.Ingress.Problems;

/// <summary>
/// Thrown by handlers for any request the API refuses; answered as problem details with an <c>errors</c> dictionary
/// keyed by the offending field (see <see cref="ProblemMapping"/>).
/// </summary>
public sealed class ApiProblemException(ProblemKind kind, string detail, IDictionary<string, string[]> errors) : Exception(detail)
{
    public ProblemKind Kind { get; } = kind;

    public IDictionary<string, string[]> Errors { get; } = errors;

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

    public static void ThrowIfAny(ValidationErrors errors)
    {
        if (!errors.IsEmpty)
        {
            throw Invalid(errors);
        }
    }
}
