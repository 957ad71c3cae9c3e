using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// Large files skip the ingress: the client PUTs to a presigned staging URL, then confirms. The confirmation reads the
/// staged object back once (size, SHA-256, UTF-8) before the metadata service records it.
/// </summary>
public sealed class PresignedUploads(
    ObjectStore store, ServiceRequests metadata, TrainingFileTypes types, IOptions<TrainingDataOptions> options, TimeProvider clock)
{
    private TrainingDataOptions Options => options.Value;

    public async Task<UploadUrl> CreateAsync(string userId, string avatarId, UploadUrlBody body)
    {
        var errors = InputRules.CheckAvatar(userId, avatarId).AddIf("file_name", InputRules.FileNameProblem(body.FileName));
        ApiProblemException.ThrowIfAny(errors);
        var sizeBytes = CheckSize(body.SizeBytes, required: true)!.Value;
        var contentType = Resolve(body.FileName!, body.ContentType);

        var uploadId = Guid.NewGuid().ToString("N");
        var expiresAt = clock.GetUtcNow().Add(Options.UploadUrlLifetime);
        var url = await store.PresignUploadAsync(StorageKeys.StagedUpload(userId, avatarId, uploadId), contentType, sizeBytes, Options.UploadUrlLifetime);
        var headers = new Dictionary<string, string> { ["Content-Type"] = contentType, ["Content-Length"] = sizeBytes.ToString(CultureInfo.InvariantCulture) };
        return new UploadUrl(uploadId, url, "PUT", headers, expiresAt, Options.MaxFileBytes,
            $"/training-data/{userId}/{avatarId}/uploads/{uploadId}/confirm");
    }

    public async Task<TrainingFilesRecorded> ConfirmAsync(string userId, string avatarId, string uploadId, ConfirmUploadBody body, string actedBy, CancellationToken ct)
    {
        var errors = InputRules.CheckAvatar(userId, avatarId)
            .AddIf("upload_id", InputRules.IdProblem(uploadId))
            .AddIf("file_name", InputRules.FileNameProblem(body.FileName))
            .AddIf("sha256", InputRules.Sha256Problem(body.Sha256));
        ApiProblemException.ThrowIfAny(errors);
        CheckSize(body.SizeBytes, required: true);
        var contentType = Resolve(body.FileName!, body.ContentType);

        var key = StorageKeys.StagedUpload(userId, avatarId, uploadId);
        var head = await store.HeadAsync(key, ct)
            ?? throw ApiProblemException.NotFound("upload_id", $"nothing was uploaded for upload {uploadId} (or it was already confirmed)");
        try
        {
            if (head.ContentLength != body.SizeBytes)
            {
                throw ApiProblemException.Invalid("size_bytes", $"the uploaded object has {head.ContentLength} bytes, not {body.SizeBytes}");
            }
            var sha256 = await VerifyAsync(key, body.FileName!, ct);
            if (sha256 != body.Sha256)
            {
                throw ApiProblemException.Invalid("sha256", $"the uploaded object's SHA-256 is {sha256}, not {body.Sha256}");
            }
        }
        catch (ApiProblemException)
        {
            // The staged bytes are not what the client meant to upload: drop them, record nothing.
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        var file = new StagedTrainingFile(body.FileName!, uploadId, head.ContentLength, body.Sha256!, contentType, body.UseForTraining ?? true);
        var recorded = await metadata.AskAsync<RecordTrainingFiles, TrainingFilesRecorded>(new RecordTrainingFiles(userId, avatarId, [file], actedBy), ct);
        PipelineMetrics.TrainingFileUploaded(file.SizeBytes);
        return recorded;
    }

    private long? CheckSize(long? sizeBytes, bool required)
    {
        if (sizeBytes is null && required)
        {
            throw ApiProblemException.Invalid("size_bytes", "is required");
        }
        if (sizeBytes <= 0)
        {
            throw ApiProblemException.Invalid("size_bytes", "the file is empty");
        }
        if (sizeBytes > Options.MaxFileBytes)
        {
            throw ApiProblemException.TooLarge("size_bytes", $"must be at most {Options.MaxFileBytes} bytes");
        }
        return sizeBytes;
    }

    private string Resolve(string fileName, string? contentType) =>
        types.Resolve(fileName, contentType, out var problem) ?? throw ApiProblemException.UnsupportedType("content_type", problem!);

    /// <summary>Reads the staged object once, checking UTF-8 and hashing; returns the lowercase hex SHA-256.</summary>
    private async Task<string> VerifyAsync(string key, string fileName, CancellationToken ct)
    {
        using var response = await store.GetAsync(key, ct)
            ?? throw ApiProblemException.NotFound("upload_id", "the uploaded object disappeared");
        await using var content = new TrainingFileStream(response.ResponseStream, Options.MaxFileBytes, "file", fileName);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
