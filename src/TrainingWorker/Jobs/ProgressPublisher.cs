using System.Threading.Channels;
using AdapterPipeline.TrainingWorker.Training;
using MassTransit;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Turns the trainer's progress reports into <c>TrainingProgressed</c> events. The trainer reports on its own
/// thread; reports are queued and published in order by one loop, so training never waits for the broker.
/// </summary>
internal sealed partial class ProgressPublisher : IProgress<TrainingProgress>, IAsyncDisposable
{
    private readonly Channel<TrainingProgress> reports = Channel.CreateUnbounded<TrainingProgress>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IPublishEndpoint publisher;
    private readonly Guid jobId;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Task loop;
    private int lastStep = -1;

    public ProgressPublisher(IPublishEndpoint publisher, Guid jobId, TimeProvider clock, ILogger logger)
    {
        this.publisher = publisher;
        this.jobId = jobId;
        this.clock = clock;
        this.logger = logger;
        loop = PublishAsync();
    }

    /// <summary>The last step the trainer reported, null before the first; read by the heartbeat.</summary>
    public int? LastStep => Volatile.Read(ref lastStep) is >= 0 and var step ? step : null;

    public void Report(TrainingProgress value)
    {
        Volatile.Write(ref lastStep, value.Step);
        LogProgress(logger, jobId, value.Step, value.TotalSteps, value.TotalSteps == 0 ? 100 : value.Step * 100 / value.TotalSteps,
            value.Loss, value.EvalLoss, value.LearningRate, value.TokensPerSecond, value.EstimatedRemaining.TotalSeconds);
        reports.Writer.TryWrite(value);
    }

    /// <summary>Publishes what is still queued; call before the job's final event so progress never follows it.</summary>
    public async ValueTask DisposeAsync()
    {
        reports.Writer.TryComplete();
        await loop;
    }

    private async Task PublishAsync()
    {
        await foreach (var report in reports.Reader.ReadAllAsync())
        {
            try
            {
                await publisher.Publish(TrainingJobMapping.ToProgressed(jobId, report, clock.GetUtcNow()));
            }
            catch (Exception ex)
            {
                LogProgressFailed(logger, ex, jobId, report.Step);
            }
        }
    }

    [LoggerMessage(LogLevel.Information,
        "job {JobId}: step {Step}/{TotalSteps} ({Percent}%) loss {Loss:0.####} eval loss {EvalLoss:0.####} lr {LearningRate:0.######} {TokensPerSecond:0} tokens/s, {EtaSeconds:0} s left")]
    private static partial void LogProgress(ILogger logger, Guid jobId, int step, int totalSteps, int percent, double loss, double? evalLoss,
        double learningRate, double tokensPerSecond, double etaSeconds);

    [LoggerMessage(LogLevel.Warning, "job {JobId}: progress at step {Step} could not be published")]
    private static partial void LogProgressFailed(ILogger logger, Exception exception, Guid jobId, int step);
}
