using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

internal static class RejectionAnswers
{
    /// <summary>
    /// Runs <paramref name="handle"/> and answers a <see cref="TrainingDataRejection"/> instead of faulting. Without a
    /// response address (a published command) MassTransit publishes the answer, so other systems can observe it.
    /// </summary>
    public static async Task AnswerRejectionsAsync(this ConsumeContext context, string userId, string avatarId, Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (TrainingDataRejection rejection)
        {
            await context.RespondAsync(rejection.ToMessage(userId, avatarId));
        }
    }
}
