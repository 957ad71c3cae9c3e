using AdapterPipeline.Contracts.Jobs;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Whether a delivered <c>StartTraining</c> runs, given the job's state as the metadata service tells it. The saga
/// sends the command once the job is queued, so a first delivery of a job past that is a duplicate (sent again after
/// the metadata service restarted); a redelivery (its worker stopped) resumes a job still running.
/// </summary>
public static class JobStartRule
{
    /// <returns>Why the delivery is skipped; null when it runs.</returns>
    public static string? ReasonToSkip(string? state, bool redelivered) => state switch
    {
        // No answer: running is the safe side, since the saga ignores the result of a job that ended.
        null or TrainingJobStates.Queued => null,
        TrainingJobStates.Running when redelivered => null,
        _ when TrainingJobStates.IsFinal(state) => $"the job already ended {state}",
        TrainingJobStates.Running => "the job already runs on another worker (a duplicate delivery)",
        _ => $"the job's training already finished (it is {state})",
    };
}
