using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.TrainingData;
using System.Text.Json.Serialization;
using AdapterPipeline.MetadataService.Outbox;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>A training (or creation) job's saga state, stored as a Marten document with optimistic concurrency.</summary>
public sealed class TrainingJob : SagaStateMachineInstance, IOutboxSaga
{
    /// <summary>History entries kept per job; transitions are always kept, progress reports only the latest.</summary>
    public const int MaxProgressEntries = 200;

    public Guid CorrelationId { get; set; }

    [JsonIgnore]
    public List<OutgoingMessage> Outgoing { get; } = [];

    /// <summary>Publishes <paramref name="message"/> once this transition's state is committed (<see cref="MessageOutbox"/>).</summary>
    public void Publish(object message) => Outgoing.Add(new OutgoingMessage(message));

    /// <summary>Sends <paramref name="message"/> to the named queue once this transition's state is committed.</summary>
    public void Send(string queue, object message) => Outgoing.Add(new OutgoingMessage(message, queue));
    /// <summary>The state machine's state name (Queued, Running, …); null before the first event is handled.</summary>
    public string? CurrentState { get; set; }

    /// <summary>The state as the API and messages spell it (<see cref="TrainingJobStates"/>).</summary>
    public string State => CurrentState?.ToLowerInvariant() ?? TrainingJobStates.Queued;
    /// <summary>Removes what the job's workers left behind; with the version, its ZIP too (when this job stored it).</summary>
    public DiscardJobArtifacts Discard(bool withVersion) => new(CorrelationId, UserId, AvatarId, AdapterName, withVersion ? Version : null);

    public string Kind { get; set; } = TrainingJobKind.Train;
    public string UserId { get; set; } = "";
    public string AvatarId { get; set; } = "";
    public string AdapterName { get; set; } = "";
    public TrainingHyperparameters Hyperparameters { get; set; } = new();
    public List<FileForTraining> Files { get; set; } = [];
    public string? WebhookUrl { get; set; }

    public string? Worker { get; set; }
    /// <summary>How many times a worker started the job (<see cref="JobOptions.MaxWorkerCrashes"/>).</summary>
    public int Attempt { get; set; }
    public int? Step { get; set; }
    public int? TotalSteps { get; set; }
    public int? Epoch { get; set; }
    public double? Loss { get; set; }
    public double? EvalLoss { get; set; }
    public double? TokensPerSecond { get; set; }
    public double? EtaSeconds { get; set; }

    public int? Version { get; set; }
    public string? BaseModel { get; set; }
    public bool Trained { get; set; }
    public TrainingMetricsSummary? Metrics { get; set; }
    public double? TrainingSeconds { get; set; }
    public double? PackagingSeconds { get; set; }
    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>When the step last changed (or the attempt started); the watchdog's measure of a stalled run.</summary>
    public DateTimeOffset? StepAdvancedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CancelRequestedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public List<TrainingJobEvent> History { get; set; } = [];

    public double ProgressPercent => State switch
    {
        TrainingJobStates.Succeeded => 100,
        TrainingJobStates.Packaging => 99,
        _ when TotalSteps is > 0 && Step is { } step => Math.Round(Math.Min(98.0, 100.0 * step / TotalSteps.Value), 1),
        _ => 0,
    };

    /// <summary>Takes the step a worker reported; a new step, or a new attempt's first, counts as progress.</summary>
    public void ReportStep(int step, DateTimeOffset at)
    {
        if (step != Step)
        {
            Step = step;
            StepAdvancedAt = at;
        }
    }

    public void Record(string type, DateTimeOffset at, string? detail = null)
    {
        UpdatedAt = at;
        History.Add(new TrainingJobEvent(at, type, State, Step, TotalSteps, Loss, EvalLoss, detail));
        var progress = History.Where(h => h.Type == "progress").ToList();
        if (progress.Count > MaxProgressEntries)
        {
            History.Remove(progress[0]);
        }
    }

    public TrainingJobStatus ToStatus() => new(
        CorrelationId, Kind, UserId, AvatarId, AdapterName, State, ProgressPercent, Step, TotalSteps, Epoch, Loss, EvalLoss,
        TokensPerSecond, EtaSeconds, Version, Error, Files, Hyperparameters, CreatedAt, StartedAt, UpdatedAt, FinishedAt,
        TrainingSeconds, PackagingSeconds);

    public TrainingJobEnded ToEnded() => new(
        CorrelationId, Kind, UserId, AvatarId, AdapterName, State, Version, Error, WebhookUrl, FinishedAt ?? UpdatedAt);
}
