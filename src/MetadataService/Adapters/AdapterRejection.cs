using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Domain.Validation;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>An adapter or job request that cannot be carried out; answered as <see cref="AdapterRequestRejected"/>.</summary>
public sealed class AdapterRejection(string reason, string detail, IReadOnlyDictionary<string, string[]>? errors = null, Guid? runningJobId = null)
    : Exception(detail)
{
    public AdapterRequestRejected ToMessage() => new(reason, Message, errors, runningJobId);

    public static AdapterRejection Invalid(IReadOnlyDictionary<string, string[]> errors) => new("invalid", "One or more fields are invalid.", errors);

    public static AdapterRejection NotFound(string detail, string field) =>
        new("not_found", detail, ValidationErrors.Single(field, detail));

    public static void ThrowIfAny(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }
    }
}

internal static class AdapterRejectionAnswers
{
    /// <summary>Runs <paramref name="handle"/> and answers a rejection instead of faulting (published when nobody asked).</summary>
    public static async Task AnswerAdapterRejectionsAsync(this ConsumeContext context, Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (AdapterRejection rejection)
        {
            await context.RespondAsync(rejection.ToMessage());
        }
    }
}
