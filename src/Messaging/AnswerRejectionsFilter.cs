using MassTransit;

namespace AdapterPipeline.Messaging;

/// <summary>
/// Answers a <see cref="RequestRejectedException"/> with its <see cref="Contracts.Requests.RequestRejected"/> instead
/// of faulting. Without a response address (a published command) MassTransit publishes the answer, so other systems
/// can observe it.
/// </summary>
public sealed class AnswerRejectionsFilter<TConsumer> : IFilter<ConsumerConsumeContext<TConsumer>> where TConsumer : class
{
    public async Task Send(ConsumerConsumeContext<TConsumer> context, IPipe<ConsumerConsumeContext<TConsumer>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (RequestRejectedException rejection)
        {
            await context.RespondAsync(rejection.ToMessage());
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("answer-rejections");
}
