namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>A webhook command or query was refused and nothing changed. Answers any request of this namespace.</summary>
/// <param name="UserId">The user, as given.</param>
/// <param name="Reason">
/// <c>invalid</c> (the message breaks a rule; see <paramref name="Errors"/>), <c>url_refused</c> (the callback URL
/// is not one this system will call) or <c>not_found</c> (an unknown subscription or delivery).
/// </param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="Errors">Messages keyed by the offending field in snake_case, e.g. <c>url</c>.</param>
public sealed record WebhookRequestRejected(string UserId, string Reason, string Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Value of <see cref="Reason"/> for a message that breaks a rule.</summary>
    public const string Invalid = "invalid";

    /// <summary>Value of <see cref="Reason"/> for a callback URL this system will not call.</summary>
    public const string UrlRefused = "url_refused";

    /// <summary>Value of <see cref="Reason"/> for an unknown subscription or delivery.</summary>
    public const string NotFound = "not_found";
}
