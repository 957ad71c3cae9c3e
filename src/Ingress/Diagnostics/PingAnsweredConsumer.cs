using AdapterPipeline.Contracts.Diagnostics;
using MassTransit;

namespace AdapterPipeline.Ingress.Diagnostics;

public sealed class PingAnsweredConsumer(PingAnswers answers) : IConsumer<PingAnswered>
{
    public Task Consume(ConsumeContext<PingAnswered> context)
    {
        answers.Deliver(context.Message);
        return Task.CompletedTask;
    }
}
