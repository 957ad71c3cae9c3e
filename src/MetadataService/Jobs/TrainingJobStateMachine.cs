using AdapterPipeline.Contracts;
using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Coordinates a job: Queued → Running → Packaging → Succeeded, or Failed / Cancelled from any live state.
/// Every final state records the outcome in the avatar's stream (freeing it for the next job) and publishes
/// <see cref="Contracts.Jobs.TrainingJobEnded"/>, from which webhooks are sent. Messages that arrive after the end
/// (a late progress report, a duplicate) change nothing; artifacts of a job cancelled while it packaged are removed.
/// </summary>
public sealed class TrainingJobStateMachine : MassTransitStateMachine<TrainingJob>
{
    public State Queued { get; private set; } = null!;
    public State Running { get; private set; } = null!;
    public State Packaging { get; private set; } = null!;
    public State Succeeded { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    public Event<JobSubmitted> Submitted { get; private set; } = null!;
    public Event<TrainingStarted> Started { get; private set; } = null!;
    public Event<TrainingProgressed> Progressed { get; private set; } = null!;
    public Event<TrainingResumed> Resumed { get; private set; } = null!;
    public Event<TrainingHeartbeat> Heartbeat { get; private set; } = null!;
    public Event<AdapterTrained> Trained { get; private set; } = null!;
    public Event<TrainingFailed> TrainingFailed { get; private set; } = null!;
    public Event<TrainingCancelled> TrainingCancelled { get; private set; } = null!;
    public Event<AdapterPackaged> Packaged { get; private set; } = null!;
    public Event<PackagingFailed> PackagingFailed { get; private set; } = null!;
    public Event<JobCancellationRequested> CancelRequested { get; private set; } = null!;
    public Event<JobOverdue> Overdue { get; private set; } = null!;
    public Event<JobCancellationOverdue> CancellationOverdue { get; private set; } = null!;

    public TrainingJobStateMachine(IOptions<JobOptions> options)
    {
        var maxCrashes = options.Value.MaxWorkerCrashes;

        InstanceState(x => x.CurrentState);
        ConnectStateObserver(new JobStateMetrics());

        Event(() => Submitted, e => e.CorrelateById(m => m.Message.JobId));
        Correlate(() => Started, m => m.JobId);
        Correlate(() => Progressed, m => m.JobId);
        Correlate(() => Resumed, m => m.JobId);
        Correlate(() => Heartbeat, m => m.JobId);
        Correlate(() => Trained, m => m.JobId);
        Correlate(() => TrainingFailed, m => m.JobId);
        Correlate(() => TrainingCancelled, m => m.JobId);
        Correlate(() => Packaged, m => m.JobId);
        Correlate(() => PackagingFailed, m => m.JobId);
        Correlate(() => CancelRequested, m => m.JobId);
        Correlate(() => Overdue, m => m.JobId);
        Correlate(() => CancellationOverdue, m => m.JobId);

        Initially(
            When(Submitted)
                .Then(c => Accept(c.Saga, c.Message))
                .TransitionTo(Queued)
                .Then(c => c.Saga.Record("queued", c.Message.SubmittedAt))
                // Sent to the queue by name, so it waits there even if no training worker ever started.
                .Then(c => c.Saga.Send(CommandQueues.StartTraining, new StartTraining(c.Saga.CorrelationId, c.Saga.Kind, c.Saga.UserId, c.Saga.AvatarId,
                    c.Saga.AdapterName, c.Saga.Hyperparameters, c.Saga.Files))));

        During(Queued, Running,
            // Each earlier start ended without a result, since a result ends the job or leaves Running.
            When(Started, c => c.Saga.Attempt >= maxCrashes)
                .Then(c => c.Saga.Attempt++)
                .Then(c => c.Saga.Publish(new CancelTraining(c.Saga.CorrelationId)))
                .TransitionTo(Failed)
                .Then(c => Finish(c.Saga, $"the job's worker stopped without a result {maxCrashes} times (a crash or a restart each time); it is not run again"))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()),
            When(Started, c => c.Saga.Attempt < maxCrashes)
                .Then(c =>
                {
                    c.Saga.Worker = c.Message.Worker;
                    c.Saga.Attempt++;
                    c.Saga.StartedAt ??= c.Message.StartedAt;
                    c.Saga.StepAdvancedAt = c.Message.StartedAt;
                })
                .TransitionTo(Running)
                .Then(c => c.Saga.Record("started", c.Message.StartedAt, $"{c.Message.Worker} on {c.Message.Device}, attempt {c.Saga.Attempt}")),
            When(Progressed)
                .Then(c =>
                {
                    var m = c.Message;
                    c.Saga.ReportStep(m.Step, m.At);
                    (c.Saga.TotalSteps, c.Saga.Epoch, c.Saga.Loss) = (m.TotalSteps, m.Epoch, m.Loss);
                    c.Saga.EvalLoss = m.EvalLoss ?? c.Saga.EvalLoss;
                    (c.Saga.TokensPerSecond, c.Saga.EtaSeconds) = (m.TokensPerSecond, m.EtaSeconds);
                })
                .TransitionTo(Running)
                .Then(c => c.Saga.Record("progress", c.Message.At)),
            When(Resumed)
                .Then(c => c.Saga.Step = c.Message.Step)
                .Then(c => c.Saga.Record("resumed", c.Message.At, $"from step {c.Message.Step}")),
            When(Heartbeat)
                .Then(c =>
                {
                    c.Saga.UpdatedAt = c.Message.At;
                    if (c.Message.Step is { } step)
                    {
                        c.Saga.ReportStep(step, c.Message.At);
                    }
                }),
            // FinishJobActivity has the staged files removed.
            When(Trained, c => c.Saga.CancelRequestedAt is not null)
                .TransitionTo(Cancelled)
                .Then(c => Finish(c.Saga, c.Saga.Error))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()),
            When(Trained, c => c.Saga.CancelRequestedAt is null)
                .Then(c =>
                {
                    c.Saga.BaseModel = c.Message.BaseModel;
                    c.Saga.Trained = c.Message.Trained;
                    c.Saga.Metrics = c.Message.Metrics;
                    c.Saga.TrainingSeconds = c.Message.TrainingSeconds;
                    // The last TrainingProgressed can arrive after this (messages of different types are not ordered)
                    // and is then ignored while packaging; the result carries the step training ended at.
                    c.Saga.Step = c.Message.Metrics?.Steps ?? c.Saga.Step;
                })
                .Activity(x => x.OfType<AssignVersionActivity>())
                .TransitionTo(Packaging)
                .Then(c => c.Saga.Record("trained", DateTimeOffset.UtcNow, $"version {c.Saga.Version}"))
                .Then(c => c.Saga.Send(CommandQueues.PackageAdapter, new PackageAdapter(c.Saga.CorrelationId, c.Saga.UserId, c.Saga.AvatarId,
                    c.Saga.AdapterName, c.Saga.Version!.Value))),
            When(TrainingFailed)
                .TransitionTo(Failed)
                .Then(c => Finish(c.Saga, c.Message.Error))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()),
            When(TrainingCancelled)
                .TransitionTo(Cancelled)
                .Then(c => Finish(c.Saga, c.Saga.Error ?? "cancelled"))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()));

        During(Queued,
            // Nothing runs yet: the job ends now, and a worker that receives it later skips it.
            When(CancelRequested)
                .Then(c => c.Saga.Publish(new CancelTraining(c.Saga.CorrelationId)))
                .TransitionTo(Cancelled)
                .Then(c => Finish(c.Saga, $"cancelled: {c.Message.Reason}"))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()));

        During(Running,
            When(CancelRequested)
                .Then(c =>
                {
                    c.Saga.CancelRequestedAt ??= DateTimeOffset.UtcNow;
                    c.Saga.Error = $"cancelled: {c.Message.Reason}";
                    c.Saga.Record("cancel_requested", DateTimeOffset.UtcNow, c.Message.Reason);
                })
                .Then(c => c.Saga.Publish(new CancelTraining(c.Saga.CorrelationId))),
            When(CancellationOverdue)
                .TransitionTo(Cancelled)
                .Then(c => Finish(c.Saga, c.Saga.Error ?? "cancelled"))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()));

        During(Queued, Running, Packaging,
            When(Overdue)
                .Then(c => c.Saga.Publish(new CancelTraining(c.Saga.CorrelationId)))
                .TransitionTo(Failed)
                .Then(c => Finish(c.Saga, c.Message.Reason))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()));

        During(Packaging,
            When(Packaged)
                .Then(c =>
                {
                    c.Saga.PackagingSeconds = c.Message.PackagingSeconds;
                    c.Saga.UpdatedAt = DateTimeOffset.UtcNow;
                })
                .Activity(x => x.OfType<RecordVersionActivity>())
                .TransitionTo(Succeeded)
                .Then(c => Finish(c.Saga, null))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()),
            When(PackagingFailed)
                .TransitionTo(Failed)
                .Then(c => Finish(c.Saga, c.Message.Error))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()),
            // The worker already let go of the job: the ZIP that may still arrive is removed (see Cancelled below).
            When(CancelRequested)
                .TransitionTo(Cancelled)
                .Then(c => Finish(c.Saga, $"cancelled: {c.Message.Reason}"))
                .Activity(x => x.OfInstanceType<FinishJobActivity>()),
            Ignore(Started), Ignore(Progressed), Ignore(Resumed), Ignore(Heartbeat), Ignore(Trained), Ignore(TrainingCancelled), Ignore(CancellationOverdue));

        // A late result of an ended job: a version it was assigned was never recorded, so its ZIP goes too.
        During(Cancelled, Failed,
            When(Trained).Then(c => c.Saga.Publish(c.Saga.Discard(withVersion: true))),
            When(Packaged).Then(c => c.Saga.Publish(c.Saga.Discard(withVersion: true))));

        DuringAny(Ignore(Submitted));
        During(Succeeded, Failed, Cancelled,
            Ignore(Started), Ignore(Progressed), Ignore(Resumed), Ignore(Heartbeat), Ignore(TrainingFailed), Ignore(TrainingCancelled),
            Ignore(PackagingFailed), Ignore(CancelRequested), Ignore(Overdue), Ignore(CancellationOverdue));
        During(Succeeded, Ignore(Trained), Ignore(Packaged));
        During(Queued, Ignore(Packaged), Ignore(PackagingFailed), Ignore(CancellationOverdue));
        During(Running, Ignore(Packaged), Ignore(PackagingFailed));
    }

    private void Correlate<T>(System.Linq.Expressions.Expression<Func<Event<T>>> @event, Func<T, Guid> jobId) where T : class =>
        Event(@event, e =>
        {
            e.CorrelateById(m => jobId(m.Message));
            e.OnMissingInstance(m => m.Discard());
        });

    private static void Accept(TrainingJob job, JobSubmitted m)
    {
        job.Kind = m.Kind;
        job.UserId = m.UserId;
        job.AvatarId = m.AvatarId;
        job.AdapterName = m.AdapterName;
        job.Hyperparameters = m.Hyperparameters;
        job.Files = [.. m.Files];
        job.WebhookUrl = m.WebhookUrl;
        job.CreatedAt = m.SubmittedAt;
    }

    private static void Finish(TrainingJob job, string? error)
    {
        job.Error = error;
        job.FinishedAt = DateTimeOffset.UtcNow;
        job.EtaSeconds = job.State == Contracts.Jobs.TrainingJobStates.Succeeded ? 0 : null;
        job.Record(job.State, job.FinishedAt.Value, error ?? (job.Version is { } v ? $"version {v}" : null));
    }
}
