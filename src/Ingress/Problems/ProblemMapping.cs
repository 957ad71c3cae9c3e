using System.Text.Json;
using AdapterPipeline.Contracts.Requests;
using MassTransit;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Problems;

/// <summary>
/// The one place that turns exceptions into HTTP status codes. Every refusal is answered in one shape: RFC 7807
/// problem details with an <c>errors</c> dictionary keyed by field (as <c>ValidationProblem</c> writes it).
/// Exceptions it does not know stay 500s from the default handler.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public static int StatusCode(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => StatusCodes.Status400BadRequest,
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        ProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ProblemKind.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        ProblemKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ProblemKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ProblemKind.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A service's refusal in the API's terms; the reason decides the status code.</summary>
    public static ApiProblemException ToProblem(RequestRejected rejected)
    {
        if (rejected.Quota is { } quota)
        {
            return ApiProblemException.OverQuota(quota.Quota, quota.Limit, quota.Used, rejected.Detail, rejected.Errors.ToDictionary(kv => kv.Key, kv => kv.Value));
        }
        var kind = rejected.Reason switch
        {
            RejectionReasons.NotFound => ProblemKind.NotFound,
            RejectionReasons.Conflict or RejectionReasons.JobRunning => ProblemKind.Conflict,
            RejectionReasons.Unprocessable or RejectionReasons.NoTrainingFiles or RejectionReasons.UrlRefused => ProblemKind.Unprocessable,
            _ => ProblemKind.Invalid,
        };
        var errors = rejected.Errors.ToDictionary(kv => kv.Key, kv => kv.Value);
        if (rejected.RunningJobId is { } running)
        {
            errors["running_job_id"] = [running.ToString()];
        }
        return new ApiProblemException(kind, rejected.Detail, errors);
    }

    public static HttpValidationProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ApiProblemException e => WithExtensions(Problem(StatusCode(e.Kind), e.Message, e.Errors), e.Extensions),
        BadHttpRequestException { InnerException: JsonException json } e =>
            Problem(e.StatusCode, "The request body is not valid JSON.", Single(FieldOf(json), json.Message)),
        BadHttpRequestException e => Problem(e.StatusCode, e.Message, Single("body", e.Message)),
        JsonException json => Problem(StatusCodes.Status400BadRequest, "The request body is not valid JSON.", Single(FieldOf(json), json.Message)),
        InvalidDataException e => Problem(StatusCodes.Status400BadRequest, "The request body is malformed.", Single("body", e.Message)),
        RequestTimeoutException => Problem(StatusCodes.Status504GatewayTimeout, "The metadata service did not answer in time.", new Dictionary<string, string[]>()),
        _ => null,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem is null || httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            return true;
        }
        // A request that accepts only something else (Accept: text/event-stream) still gets the problem, as JSON.
        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    private static HttpValidationProblemDetails Problem(int status, string detail, IDictionary<string, string[]> errors) =>
        new(errors) { Status = status, Detail = detail, Title = TitleOf(status) };

    private static HttpValidationProblemDetails WithExtensions(HttpValidationProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }
        return problem;
    }

    private static string TitleOf(int status) => status switch
    {
        400 => "One or more fields are invalid.",
        403 => "Forbidden.",
        404 => "Not found.",
        409 => "Conflict.",
        413 => "Too large.",
        415 => "Unsupported type.",
        422 => "Unprocessable.",
        429 => "Too many requests.",
        504 => "Timed out.",
        _ => "The request failed.",
    };

    private static Dictionary<string, string[]> Single(string field, string message) => new() { [field] = [message] };

    /// <summary><c>$.use_for_training</c> names the field <c>use_for_training</c>; a broken document names <c>body</c>.</summary>
    private static string FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
}
