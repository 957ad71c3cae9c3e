using AdapterPipeline.Contracts.Usage;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Usage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>Answers a user's usage against the quotas this service enforces.</summary>
public sealed class UsageQueriesConsumer(UserUsageReader reader, IOptions<QuotaOptions> quotas) : IConsumer<GetUserUsage>
{
    public async Task Consume(ConsumeContext<GetUserUsage> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(new ValidationErrors().AddIf("user_id", InputRules.IdProblem(m.UserId)).ToDictionary());
        var usage = await reader.ReadAsync(m.UserId, context.CancellationToken);
        await context.RespondAsync(usage.Report(quotas.Value));
    }
}
