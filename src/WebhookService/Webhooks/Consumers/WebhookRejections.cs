using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.WebhookService.Webhooks.Consumers;

/// <summary>The refusals webhook requests share.</summary>
internal static class WebhookRejections
{
    public static RequestRejectedException UrlRefused(string problem) =>
        RequestRejectedException.Field(RejectionReasons.UrlRefused, "url", problem, $"The callback URL is refused: it {problem}.");

    public static void CheckUserId(string? userId) =>
        RequestRejectedException.ThrowIfAny(new ValidationErrors().AddIf("user_id", InputRules.IdProblem(userId)).ToDictionary());
}
