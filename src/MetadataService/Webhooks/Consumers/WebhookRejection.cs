using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.Domain.Validation;
using MassTransit;

namespace AdapterPipeline.MetadataService.Webhooks.Consumers;

/// <summary>Thrown while deciding a webhook request that must be refused; answered as <see cref="WebhookRequestRejected"/>.</summary>
public sealed class WebhookRejection(string reason, string detail, Dictionary<string, string[]> errors) : Exception(detail)
{
    public string Reason { get; } = reason;

    public Dictionary<string, string[]> Errors { get; } = errors;

    public static WebhookRejection Invalid(ValidationErrors errors) =>
        new(WebhookRequestRejected.Invalid, "One or more fields are invalid.", errors.ToDictionary());

    public static WebhookRejection UrlRefused(string problem) =>
        new(WebhookRequestRejected.UrlRefused, $"The callback URL is refused: it {problem}.", ValidationErrors.Single("url", problem));

    public static WebhookRejection NotFound(string field, string message) =>
        new(WebhookRequestRejected.NotFound, message, ValidationErrors.Single(field, message));

    public static void ThrowIfAny(ValidationErrors errors)
    {
        if (!errors.IsEmpty)
        {
            throw Invalid(errors);
        }
    }

    public static void CheckUserId(string? userId) => ThrowIfAny(new ValidationErrors().AddIf("user_id", InputRules.IdProblem(userId)));
}

internal static class WebhookRejectionAnswers
{
    /// <summary>Runs <paramref name="handle"/> and answers a <see cref="WebhookRejection"/> instead of faulting.</summary>
    public static async Task AnswerWebhookRejectionsAsync(this ConsumeContext context, string userId, Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (WebhookRejection rejection)
        {
            await context.RespondAsync(new WebhookRequestRejected(userId, rejection.Reason, rejection.Message, rejection.Errors));
        }
    }
}
