using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Domain.Validation;
using System.Security.Claims;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.Ingress.TrainingData;
using AdapterPipeline.ServiceDefaults.Storage;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Adapters;

/// <summary>The seed's adapter endpoints, as asynchronous jobs followed at <c>/jobs/{job_id}</c>, plus versions and rollback.</summary>
public sealed class AdaptersModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/adapters/{user_id}/{avatar_id}").WithTags("Adapters").WithRouteIdChecks()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status504GatewayTimeout);
        group.MapPost("/create", Create).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Creates an untrained adapter (LoRA B = 0: behaves as the base model); 200 when one exists, 201 when created.");
        group.MapPost("/train", Train).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Starts a training job on the files flagged for training; 202 with the job. Idempotency-Key replays a job. " +
                "With dry_run=true answers 200 with what the run would do (as /training-data/{user_id}/{avatar_id}/validate) and queues nothing.");
        group.MapGet("/", Download).ProducesProblem(StatusCodes.Status404NotFound).Produces<JobReference>(StatusCodes.Status202Accepted)
            .WithSummary("Downloads the current adapter ZIP; for an avatar without one, starts creating the untrained adapter and answers 202 with the job.");
        group.MapGet("/info", Info).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The adapter without downloading it: current version, all versions, metrics, base model, times.");
        group.MapDelete("/", Delete).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Cancels a running job, then deletes the adapter and every backup object.");
        group.MapGet("/versions", Versions).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Every stored version.");
        group.MapPost("/versions/{version:int}/restore", Restore).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Makes an earlier version current again (recorded as a new event).");
    }

    private static async Task<Results<Ok<AdapterInfo>, Created<AdapterInfo>, Accepted<JobReference>>> Create(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [AsParameters] CreateQuery query, ServiceRequests requests, IOptions<AdapterApiOptions> options, TimeProvider clock, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var accepted = await requests.AskAsync<CreateAdapter, AdapterCreationAccepted>(
            new CreateAdapter(userId, avatarId, query.AdapterName, query.BaseModel, Caller.IdOf(user)), ct);
        if (accepted.AlreadyExisted)
        {
            return TypedResults.Ok(await InfoOf(userId, avatarId, requests, ct));
        }
        var jobId = accepted.JobId!.Value;
        var ended = await WaitForEndAsync(jobId, requests, options.Value.CreateWaitTimeout, clock, ct);
        return ended switch
        {
            null => Pending(jobId),
            { State: TrainingJobStates.Succeeded } => TypedResults.Created($"/adapters/{userId}/{avatarId}/info", await InfoOf(userId, avatarId, requests, ct)),
            _ => throw new ApiProblemException(ProblemKind.Unprocessable, $"Creating the adapter {ended.State}: {ended.Error}",
                new Dictionary<string, string[]> { ["job_id"] = [jobId.ToString()] }),
        };
    }

    private static async Task<Results<Accepted<JobReference>, Ok<TrainingPreviewed>>> Train(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, [AsParameters] TrainQuery query, [FromBody] TrainBody? body,
        ServiceRequests requests, TrainingPreviews previews, ClaimsPrincipal user, CancellationToken ct)
    {
        body ??= new TrainBody();
        if (QueryValues.Flag(query.DryRun, "dry_run", fallback: false))
        {
            return TypedResults.Ok(await previews.PreviewAsync(userId, avatarId, body.ToHyperparameters(), ct));
        }
        var accepted = await requests.AskAsync<TrainAdapter, TrainingJobAccepted>(
            new TrainAdapter(userId, avatarId, body.ToHyperparameters(), body.AdapterName, body.WebhookUrl,
                string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey, Caller.IdOf(user)), ct);
        var location = $"/jobs/{accepted.JobId}";
        return TypedResults.Accepted(location, new JobReference(accepted.JobId, accepted.State, accepted.Replayed, location));
    }

    private static async Task<IResult> Download(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        ServiceRequests requests, ObjectStore objects, HttpContext http, CancellationToken ct)
    {
        var (info, creating) = await requests.AskAsync<GetOrCreateAdapter, AdapterInfo, AdapterCreationAccepted>(
            new GetOrCreateAdapter(userId, avatarId, Caller.IdOf(http.User)), ct);
        if (info is null)
        {
            return Pending(creating!.JobId!.Value);
        }
        var current = info.Versions.Single(v => v.Version == info.CurrentVersion);
        var zip = await objects.GetAsync(current.Key, ct)
            ?? throw ApiProblemException.NotFound("version", $"The ZIP of version {current.Version} is missing from storage.");
        http.Response.Headers["X-Adapter-Version"] = current.Version.ToString();
        http.Response.Headers["X-Adapter-Trained"] = current.Trained ? "true" : "false";
        http.Response.Headers["X-Base-Model"] = current.BaseModel;
        http.Response.Headers["X-Adapter-Sha256"] = current.Sha256;
        http.Response.RegisterForDispose(zip);
        return TypedResults.Stream(zip.ResponseStream, "application/zip", $"{avatarId}-{info.AdapterName}-v{current.Version}.zip");
    }

    private static async Task<Ok<AdapterInfo>> Info(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        ServiceRequests requests, CancellationToken ct)
    {
        return TypedResults.Ok(await InfoOf(userId, avatarId, requests, ct));
    }

    private static async Task<Ok<AdapterDeleted>> Delete(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        ServiceRequests requests, ClaimsPrincipal user, CancellationToken ct)
    {
        return TypedResults.Ok(await requests.AskAsync<DeleteAdapter, AdapterDeleted>(new DeleteAdapter(userId, avatarId, Caller.IdOf(user)), ct));
    }

    private static async Task<Ok<AdapterVersions>> Versions(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        ServiceRequests requests, CancellationToken ct)
    {
        var info = await InfoOf(userId, avatarId, requests, ct);
        return TypedResults.Ok(new AdapterVersions(userId, avatarId, info.AdapterName, info.CurrentVersion, info.Versions));
    }

    private static async Task<Ok<AdapterInfo>> Restore(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, [FromRoute] int version,
        ServiceRequests requests, ClaimsPrincipal user, CancellationToken ct)
    {
        if (version < 1)
        {
            throw ApiProblemException.NotFound("version", $"The adapter has no version {version}.");
        }
        return TypedResults.Ok(await requests.AskAsync<RestoreAdapterVersion, AdapterInfo>(new RestoreAdapterVersion(userId, avatarId, version, Caller.IdOf(user)), ct));
    }

    private static Task<AdapterInfo> InfoOf(string userId, string avatarId, ServiceRequests requests, CancellationToken ct) =>
        requests.AskAsync<GetAdapterInfo, AdapterInfo>(new GetAdapterInfo(userId, avatarId), ct);

    /// <summary>The job that will produce the adapter, followed at <c>Location</c>.</summary>
    private static Accepted<JobReference> Pending(Guid jobId) =>
        TypedResults.Accepted($"/jobs/{jobId}", new JobReference(jobId, TrainingJobStates.Queued, false, $"/jobs/{jobId}"));

    /// <summary>Polls the creation job until it ends or <paramref name="timeout"/> passes; null on timeout.</summary>
    private static async Task<TrainingJobStatus?> WaitForEndAsync(Guid jobId, ServiceRequests requests, TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (clock.GetUtcNow() < deadline)
        {
            var status = await requests.AskAsync<GetTrainingJob, TrainingJobStatus>(new GetTrainingJob(jobId), ct);
            if (TrainingJobStates.IsFinal(status.State))
            {
                return status;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, ct);
        }
        return null;
    }

}
