namespace AdapterPipeline.Ingress.Problems;

/// <summary>What went wrong, in the API's terms; <see cref="ProblemMapping"/> turns each into its status code.</summary>
public enum ProblemKind
{
    /// <summary>The request breaks a rule (400).</summary>
    Invalid,

    /// <summary>A quota of the user forbids the change (403).</summary>
    Forbidden,

    /// <summary>The thing named does not exist (404).</summary>
    NotFound,

    /// <summary>The request contradicts the current state (409).</summary>
    Conflict,

    /// <summary>A file or body is over the configured limit (413).</summary>
    TooLarge,

    /// <summary>A file's type is not allowed (415).</summary>
    UnsupportedType,

    /// <summary>The request is well-formed but names something the service will not act on, e.g. a refused callback URL (422).</summary>
    Unprocessable,

    /// <summary>Too much at once: a quota that frees up as work ends (429).</summary>
    TooManyRequests,

    /// <summary>A service behind the ingress did not answer in time (504).</summary>
    Timeout,
}
