using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// Streams each file part of a multipart body to its own staging key (checking size and UTF-8 on the way), then asks
/// the metadata service to record them all at once. Nothing is buffered beyond one S3 part; on any refusal the staged
/// objects are removed and nothing recorded changes.
/// </summary>
public sealed class TrainingFileUploader(
    ObjectStore store, ServiceRequests metadata, TrainingFileTypes types, IOptions<TrainingDataOptions> options, ILogger<TrainingFileUploader> logger)
{
    private static readonly string[] FileFields = ["files", "file"];

    public async Task<TrainingFilesRecorded> UploadAsync(string userId, string avatarId, bool useForTraining, HttpRequest request, CancellationToken ct)
    {
        var boundary = Boundary(request);
        // Our own limits (per file, per request, files per request) apply instead of the server's whole-body limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        var o = options.Value;

        var staged = new List<StagedTrainingFile>();
        var stagedKeys = new List<string>();
        try
        {
            // A 64 KiB read buffer instead of the default 4 KiB: fewer, larger reads per part.
            var reader = new MultipartReader(boundary, new UploadBodyLimit(request.Body, o.MaxUploadRequestBytes), 64 * 1024);
            var parts = 0;
            while (await NextSectionAsync(reader, ct) is { } section)
            {
                // Every part counts, so that a body of many small non-file fields is bounded as well.
                if (++parts > o.MaxFilesPerUpload)
                {
                    throw ApiProblemException.TooLarge("files", $"at most {o.MaxFilesPerUpload} files per request; send the others in another");
                }
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || !FileFields.Contains(HeaderUtilities.RemoveQuotes(disposition.Name).Value))
                {
                    continue;
                }
                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value!;
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                var contentType = CheckFile(fileName, section.ContentType, staged);

                var uploadId = Guid.NewGuid().ToString("N");
                var key = StorageKeys.StagedUpload(userId, avatarId, uploadId);
                stagedKeys.Add(key);
                await using var body = new TrainingFileStream(section.Body, o.MaxFileBytes, field, fileName);
                var stored = await store.UploadAsync(key, body, contentType, ct);
                if (stored.SizeBytes == 0)
                {
                    throw ApiProblemException.Invalid(field, $"'{fileName}' is empty");
                }
                staged.Add(new StagedTrainingFile(fileName, uploadId, stored.SizeBytes, stored.Sha256, contentType, useForTraining));
            }
            if (staged.Count == 0)
            {
                throw ApiProblemException.Invalid("files", "at least one file is required in the multipart field 'files'");
            }
            var recorded = await metadata.AskAsync<RecordTrainingFiles, TrainingFilesRecorded>(
                new RecordTrainingFiles(userId, avatarId, staged, Caller.IdOf(request.HttpContext.User)), ct);
            PipelineMetrics.TrainingFileUploaded(staged.Sum(f => f.SizeBytes));
            return recorded;
        }
        catch
        {
            await RemoveAsync(stagedKeys);
            throw;
        }
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadNextSectionAsync(ct);
        }
        catch (IOException ex) when (!ct.IsCancellationRequested)
        {
            throw ApiProblemException.Invalid("files", $"the multipart body ended early ({ex.Message})");
        }
    }

    private static string Boundary(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiProblemException.Invalid("files", "the body must be multipart/form-data with the files in the field 'files'");
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            throw ApiProblemException.Invalid("files", "the multipart boundary is missing or longer than 70 characters");
        }
        return boundary;
    }

    private string CheckFile(string fileName, string? declaredType, List<StagedTrainingFile> staged)
    {
        if (InputRules.FileNameProblem(fileName) is { } nameProblem)
        {
            throw ApiProblemException.Invalid("file_name", $"'{fileName}' {nameProblem}");
        }
        if (staged.Any(s => s.FileName == fileName))
        {
            throw ApiProblemException.Invalid("file_name", $"'{fileName}' appears more than once");
        }
        return types.Resolve(fileName, declaredType, out var typeProblem)
            ?? throw ApiProblemException.UnsupportedType("content_type", typeProblem!);
    }

    /// <summary>Best effort: a leftover staging object is never a training file, only wasted space.</summary>
    private async Task RemoveAsync(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not remove staged upload {Key}", key);
            }
        }
    }
}
