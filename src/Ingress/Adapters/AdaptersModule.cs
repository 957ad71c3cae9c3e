using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.ServiceDefaults.Storage;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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
            .WithSummary("Starts a training job on the files flagged for training; 202 with the job. Idempotency-Key replays a job.");
        group.MapGet("/", Download).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Downloads the current adapter ZIP, creating the untrained one first if the avatar has none.");
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
        [AsParameters] CreateQuery query, AdapterRequests requests, CancellationToken ct)
    {
        var accepted = await requests.AskAsync<CreateAdapter, AdapterCreationAccepted>(new CreateAdapter(userId, avatarId, query.AdapterName, query.BaseModel), ct);
        if (accepted.AlreadyExisted)
        {
            return TypedResults.Ok(await InfoOf(userId, avatarId, requests, ct));
        }
        var jobId = accepted.JobId!.Value;
        var ended = await requests.WaitForEndAsync(jobId, ct);
        return ended switch
        {
            null => TypedResults.Accepted($"/jobs/{jobId}", new JobReference(jobId, TrainingJobStates.Queued, false, $"/jobs/{jobId}")),
            { State: TrainingJobStates.Succeeded } => TypedResults.Created($"/adapters/{userId}/{avatarId}/info", await InfoOf(userId, avatarId, requests, ct)),
            _ => throw new ApiProblemException(ProblemKind.Unprocessable, $"Creating the adapter {ended.State}: {ended.Error}",
                new Dictionary<string, string[]> { ["job_id"] = [jobId.ToString()] }),
        };
    }

    private static async Task<Accepted<JobReference>> Train(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, [FromBody] TrainBody? body,
        AdapterRequests requests, CancellationToken ct)
    {
        body ??= new TrainBody(null, null, null, null, null, null, null, null, null, null, null, null);
        var accepted = await requests.AskAsync<TrainAdapter, TrainingJobAccepted>(
            new TrainAdapter(userId, avatarId, body.ToHyperparameters(), body.AdapterName, body.WebhookUrl,
                string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey), ct);
        var location = $"/jobs/{accepted.JobId}";
        return TypedResults.Accepted(location, new JobReference(accepted.JobId, accepted.State, accepted.Replayed, location));
    }

    private static async Task<IResult> Download(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        AdapterRequests requests, ObjectStore objects, HttpContext http, CancellationToken ct)
    {
        CheckAvatar(userId, avatarId);
        var info = await ExistingOrCreatedAsync(userId, avatarId, requests, ct);
        if (info is null)
        {
            throw new ApiProblemException(ProblemKind.Timeout, "The adapter is still being created; try again shortly.", new Dictionary<string, string[]>());
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
        AdapterRequests requests, CancellationToken ct)
    {
        return TypedResults.Ok(await InfoOf(userId, avatarId, requests, ct));
    }

    private static async Task<Ok<AdapterDeleted>> Delete(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        AdapterRequests requests, CancellationToken ct)
    {
        return TypedResults.Ok(await requests.AskAsync<DeleteAdapter, AdapterDeleted>(new DeleteAdapter(userId, avatarId), ct));
    }

    private static async Task<Ok<AdapterVersions>> Versions(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        AdapterRequests requests, CancellationToken ct)
    {
        var info = await InfoOf(userId, avatarId, requests, ct);
        return TypedResults.Ok(new AdapterVersions(userId, avatarId, info.AdapterName, info.CurrentVersion, info.Versions));
    }

    private static async Task<Ok<AdapterInfo>> Restore(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, [FromRoute] int version,
        AdapterRequests requests, CancellationToken ct)
    {
        if (version < 1)
        {
            throw ApiProblemException.NotFound("version", $"The adapter has no version {version}.");
        }
        return TypedResults.Ok(await requests.AskAsync<RestoreAdapterVersion, AdapterInfo>(new RestoreAdapterVersion(userId, avatarId, version), ct));
    }

    private static Task<AdapterInfo> InfoOf(string userId, string avatarId, AdapterRequests requests, CancellationToken ct) =>
        requests.AskAsync<GetAdapterInfo, AdapterInfo>(new GetAdapterInfo(userId, avatarId), ct);

    /// <summary>As the seed does: an avatar without an adapter gets the untrained one. Null when creating takes too long.</summary>
    private static async Task<AdapterInfo?> ExistingOrCreatedAsync(string userId, string avatarId, AdapterRequests requests, CancellationToken ct)
    {
        var accepted = await requests.AskAsync<CreateAdapter, AdapterCreationAccepted>(new CreateAdapter(userId, avatarId), ct);
        if (!accepted.AlreadyExisted && await requests.WaitForEndAsync(accepted.JobId!.Value, ct) is not { State: TrainingJobStates.Succeeded })
        {
            return null;
        }
        return await InfoOf(userId, avatarId, requests, ct);
    }

    private static void CheckAvatar(string userId, string avatarId) => ApiProblemException.ThrowIfAny(InputRules.CheckAvatar(userId, avatarId));
}
