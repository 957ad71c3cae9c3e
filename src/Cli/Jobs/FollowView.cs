using Spectre.Console;
using Spectre.Console.Rendering;

namespace AdapterPipeline.Cli.Jobs;

/// <summary>The live view of a followed job: state, a progress bar with percent and ETA, and the loss as a sparkline.</summary>
public static class FollowView
{
    private const int BarWidth = 40;

    public static IRenderable Render(JobProgress job)
    {
        var color = job.State switch
        {
            "succeeded" => "green",
            "failed" => "red",
            "cancelled" => "yellow",
            _ => "blue",
        };
        var filled = (int)Math.Round(job.Percent / 100 * BarWidth);
        var steps = job.Step is { } step ? $"step {step}/{job.TotalSteps}" : "";
        var eta = job.Eta is { } left ? $"ETA {Format(left)}" : "ETA --:--";
        var loss = job.Losses.Count > 0
            ? $"loss [aqua]{Sparkline.Of(job.Losses)}[/] {job.Losses[^1]:0.0000}" + (job.EvalLoss is { } eval ? $"  eval {eval:0.0000}" : "")
            : "loss [grey](waiting for the first step)[/]";
        var rows = new List<IRenderable>
        {
            new Markup($"Job [bold]{job.JobId}[/]  [{color}]{job.State}[/]  {steps}"),
            new Markup($"[{color}]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] {job.Percent,3:0}%  {eta}"),
            new Markup(loss),
        };
        if (job.Ended && job.Detail is not null)
        {
            rows.Add(new Markup($"[{color}]{Markup.Escape(job.Detail)}[/]"));
        }
        return new Rows(rows);
    }

    private static string Format(TimeSpan span) => span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss") : span.ToString(@"m\:ss");
}
