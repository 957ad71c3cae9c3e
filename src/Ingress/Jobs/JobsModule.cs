using System.Text.Json;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Ingress.Adapters;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.Ingress.Usage;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AdapterPipeline.Ingress.Jobs;

/// <summary>Training and creation jobs: state and progress, history (JSON or a live event stream), cancellation.</summary>
public sealed class JobsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/jobs/{job_id:guid}").WithTags("Jobs")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .AddEndpointFilter<JobOwnerFilter>();
        group.MapGet("/", Get).WithSummary("State, progress %, step, loss, tokens/s, ETA, timestamps and error of a job.");
        group.MapGet("/events", Events)
            .WithSummary("The job's history as JSON; with Accept: text/event-stream, live progress until the job ends.");
        group.MapPost("/cancel", Cancel).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Asks the job to stop; a running job stops within one training step.");
    }

    private static async Task<Ok<TrainingJobStatus>> Get([FromRoute(Name = "job_id")] Guid jobId, ServiceRequests requests, CancellationToken ct) =>
        TypedResults.Ok(await requests.AskAsync<GetTrainingJob, TrainingJobStatus>(new GetTrainingJob(jobId), ct));

    private static async Task<Accepted<TrainingJobStatus>> Cancel(
        [FromRoute(Name = "job_id")] Guid jobId, [AsParameters] CancelQuery query, ServiceRequests requests, CancellationToken ct) =>
        TypedResults.Accepted($"/jobs/{jobId}", await requests.AskAsync<CancelTrainingJob, TrainingJobStatus>(new CancelTrainingJob(jobId, query.Reason), ct));

    private static async Task<IResult> Events(
        [FromRoute(Name = "job_id")] Guid jobId, ServiceRequests requests, HttpContext http, OpenEventStreams streams,
        IOptions<AdapterApiOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var history = await requests.AskAsync<GetTrainingJobEvents, TrainingJobEvents>(new GetTrainingJobEvents(jobId), ct);
        if (!http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Ok(history);
        }
        var job = await requests.AskAsync<GetTrainingJob, TrainingJobStatus>(new GetTrainingJob(jobId), ct);
        // Counted against the owner's open-stream quota until the response ends, however it ends.
        http.Response.RegisterForDispose(streams.Open(job.UserId));
        return TypedResults.ServerSentEvents(Live(jobId, history, requests, options.Value.EventStreamInterval, ct), eventType: "job");
    }

    /// <summary>The history so far, then each new entry as the job moves on, until it ends.</summary>
    private static async IAsyncEnumerable<TrainingJobEvent> Live(
        Guid jobId, TrainingJobEvents history, ServiceRequests requests, TimeSpan interval,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var sent = DateTimeOffset.MinValue;
        var current = history;
        while (true)
        {
            foreach (var e in current.Events.Where(e => e.At > sent))
            {
                sent = e.At;
                yield return e;
            }
            var last = current.Events.LastOrDefault();
            if (last is not null && TrainingJobStates.IsFinal(last.State))
            {
                yield break;
            }
            await Task.Delay(interval, ct);
            current = await requests.AskAsync<GetTrainingJobEvents, TrainingJobEvents>(new GetTrainingJobEvents(jobId), ct);
        }
    }
}

/// <summary>Query of the cancel endpoint: why the job is cancelled, optional.</summary>
public sealed record CancelQuery([FromQuery(Name = "reason")] string? Reason);
