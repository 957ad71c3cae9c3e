using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;
using System.Security.Claims;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.ServiceDefaults.Storage;
using Amazon.S3;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// The seed's training-data API. Files stream to S3 here; every change and read is answered by the metadata
/// service over the bus, so a 2xx means the change is recorded.
/// </summary>
public sealed class TrainingDataModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/training-data/{user_id}/{avatar_id}").WithTags("Training data")
            .WithRouteIdChecks()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        // No Accepts<>(): its content-type filter would answer 415 without the errors dictionary; the uploader checks it.
        group.MapPost("/upload", Upload).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Uploads one or more files (multipart field 'files') and records them; a recorded name is replaced.");
        group.MapGet("/list", List).WithSummary("Lists the avatar's files a page at a time, with totals.");
        group.MapPut("/{file_name}/training-flag", SetFlag).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Includes a file in training or leaves it out (use_for_training), and holds it out as evaluation data or not (use_for_eval).");
        group.MapDelete("/non-training-files", RemoveNonTraining).WithSummary("Removes every file not flagged for training.");
        group.MapDelete("/{file_name}", Remove).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Removes one file.");
        group.MapGet("/download/{file_name}", Download).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A presigned GET URL for the file; with redirect=true a 307 to it.");
        group.MapGet("/metadata", Metadata).WithSummary("The metadata.json content: file name to training flag.");
        group.MapPost("/uploads", RequestUploadUrl)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("A presigned PUT URL for a large file; confirm once the bytes are uploaded.");
        group.MapPost("/validate", Validate).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Reads every flagged file as training would and answers the counts, steps, estimates and data errors; queues nothing.");
        group.MapPost("/uploads/{upload_id}/confirm", ConfirmUpload).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Verifies a presigned upload's size and SHA-256 and records the file.");
    }

    private static async Task<Ok<UploadedFiles>> Upload(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [AsParameters] UploadQuery query, HttpRequest request, TrainingFileUploader uploader, CancellationToken ct)
    {
        var flag = QueryValues.Flag(query.UseForTraining, "use_for_training", fallback: true);
        var recorded = await uploader.UploadAsync(userId, avatarId, flag, request, ct);
        return TypedResults.Ok(new UploadedFiles(userId, avatarId, recorded.Files));
    }

    private static async Task<Ok<TrainingFilePage>> List(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [AsParameters] ListQuery query, ServiceRequests metadata, IOptions<TrainingDataOptions> options, CancellationToken ct)
    {
        var pageSize = QueryValues.Number(query.Limit, "limit", options.Value.DefaultPageSize, 1, TrainingDataOptions.MaxPageSize);
        var list = new ListTrainingFiles(userId, avatarId, QueryValues.Flag(query.TrainingOnly, "training_only", false), pageSize, QueryValues.AfterCursor(query.Cursor));
        var page = await metadata.AskAsync<ListTrainingFiles, TrainingFileList>(list, ct);
        return TypedResults.Ok(new TrainingFilePage(userId, avatarId, page.Files, pageSize,
            page.NextAfter is null ? null : QueryValues.Cursor(page.NextAfter), page.Matching, page.TotalFiles, page.TrainingFiles, page.TotalBytes));
    }

    private static async Task<Ok<TrainingFileDetails>> SetFlag(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, [FromRoute(Name = "file_name")] string fileName,
        TrainingFlagBody body, ServiceRequests metadata, ClaimsPrincipal user, CancellationToken ct)
    {
        if (body.UseForTraining is null && body.UseForEval is null)
        {
            throw ApiProblemException.Invalid("use_for_training", "is required (true or false) unless use_for_eval is given");
        }
        TrainingFlagSet? set = null;
        if (body.UseForTraining is { } training)
        {
            set = await metadata.AskAsync<SetTrainingFlag, TrainingFlagSet>(new SetTrainingFlag(userId, avatarId, fileName, training, Caller.IdOf(user)), ct);
        }
        if (body.UseForEval is { } eval)
        {
            set = await metadata.AskAsync<SetEvalFlag, TrainingFlagSet>(new SetEvalFlag(userId, avatarId, fileName, eval, Caller.IdOf(user)), ct);
        }
        return TypedResults.Ok(set!.File);
    }

    private static async Task<Ok<RemovedFiles>> RemoveNonTraining(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, ServiceRequests metadata, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var removed = await metadata.AskAsync<RemoveNonTrainingFiles, TrainingFilesRemoved>(new RemoveNonTrainingFiles(userId, avatarId, Caller.IdOf(user)), ct);
        return TypedResults.Ok(Removed(removed));
    }

    private static async Task<Ok<RemovedFiles>> Remove(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, [FromRoute(Name = "file_name")] string fileName,
        ServiceRequests metadata, ClaimsPrincipal user, CancellationToken ct)
    {
        var removed = await metadata.AskAsync<RemoveTrainingFile, TrainingFilesRemoved>(new RemoveTrainingFile(userId, avatarId, fileName, Caller.IdOf(user)), ct);
        return TypedResults.Ok(Removed(removed));
    }

    private static async Task<Results<Ok<DownloadLink>, RedirectHttpResult>> Download(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, [FromRoute(Name = "file_name")] string fileName,
        [AsParameters] DownloadQuery query, ServiceRequests metadata, ObjectStore store, IOptions<TrainingDataOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        var toUrl = QueryValues.Flag(query.Redirect, "redirect", false);
        var found = await metadata.AskAsync<GetTrainingFile, TrainingFileFound>(new GetTrainingFile(userId, avatarId, fileName), ct);
        var lifetime = options.Value.DownloadUrlLifetime;
        var expiresAt = clock.GetUtcNow().Add(lifetime);
        var url = await store.PresignDownloadAsync(found.Key, fileName, lifetime);
        return toUrl
            ? TypedResults.Redirect(url, permanent: false, preserveMethod: true)
            : TypedResults.Ok(new DownloadLink(url, expiresAt));
    }

    private static async Task<Ok<IReadOnlyDictionary<string, bool>>> Metadata(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, ServiceRequests metadata, CancellationToken ct)
    {
        var answer = await metadata.AskAsync<GetTrainingMetadata, TrainingMetadata>(new GetTrainingMetadata(userId, avatarId), ct);
        return TypedResults.Ok(answer.Files);
    }

    private static async Task<Ok<TrainingPreviewed>> Validate(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [FromBody] TrainingHyperparameters? body, TrainingPreviews previews, CancellationToken ct)
    {
        return TypedResults.Ok(await previews.PreviewAsync(userId, avatarId, body ?? new TrainingHyperparameters(), ct));
    }

    private static async Task<Ok<UploadUrl>> RequestUploadUrl(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, UploadUrlBody body, PresignedUploads uploads)
    {
        return TypedResults.Ok(await uploads.CreateAsync(userId, avatarId, body));
    }

    private static async Task<Ok<UploadedFiles>> ConfirmUpload(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, [FromRoute(Name = "upload_id")] string uploadId,
        ConfirmUploadBody body, PresignedUploads uploads, ClaimsPrincipal user, CancellationToken ct)
    {
        var recorded = await uploads.ConfirmAsync(userId, avatarId, uploadId, body, Caller.IdOf(user), ct);
        return TypedResults.Ok(new UploadedFiles(userId, avatarId, recorded.Files));
    }

    private static RemovedFiles Removed(TrainingFilesRemoved removed) =>
        new(removed.UserId, removed.AvatarId, removed.Files, removed.Files.Count, removed.Files.Sum(f => f.SizeBytes));
}
