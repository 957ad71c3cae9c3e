using AdapterPipeline.Cli.Http;
using Spectre.Console;

namespace AdapterPipeline.Cli.Jobs;

/// <summary>
/// Follows a job to its end: a live view redrawn on every event, or with --json one JSON line per event. The exit code
/// says how the job ended (0 succeeded, 1 failed or cancelled).
/// </summary>
public static class JobFollower
{
    public static async Task<int> FollowAsync(ApiClient api, Terminal terminal, Guid jobId, bool json, CancellationToken ct)
    {
        var job = JobProgress.Start(jobId);
        if (json)
        {
            await foreach (var (e, raw) in JobEventStream.ReadAsync(api, jobId, ct))
            {
                terminal.WriteRaw(raw);
                job = job.Apply(e);
            }
        }
        else
        {
            await terminal.Out.Live(FollowView.Render(job)).AutoClear(false).StartAsync(async live =>
            {
                await foreach (var (e, _) in JobEventStream.ReadAsync(api, jobId, ct))
                {
                    job = job.Apply(e);
                    live.UpdateTarget(FollowView.Render(job));
                    live.Refresh();
                }
            });
        }
        return job.State == "succeeded" ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
