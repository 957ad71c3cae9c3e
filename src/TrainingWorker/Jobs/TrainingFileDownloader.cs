using System.Security.Cryptography;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>A snapshotted training file is gone or no longer has the size and SHA-256 the job was accepted with.</summary>
public sealed class TrainingFileChangedException(string fileName)
    : Exception($"training file {fileName} changed since the job was accepted")
{
    public string FileName => fileName;
}

/// <summary>Downloads a job's training files into its work directory, verifying each against the snapshot.</summary>
public sealed class TrainingFileDownloader(ObjectStore store)
{
    private const int BufferSize = 81920;

    public async Task<IReadOnlyList<TrainingFile>> DownloadAsync(IReadOnlyList<FileForTraining> files, string directory, CancellationToken ct)
    {
        var downloaded = new List<TrainingFile>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            // Numbered local names: two snapshot names can never collide or point outside the directory.
            var path = Path.Combine(directory, $"{i:D4}{Path.GetExtension(files[i].FileName)}");
            await DownloadAsync(files[i], path, ct);
            downloaded.Add(TrainingFile.FromPath(path, files[i].FileName));
        }
        return downloaded;
    }

    private async Task DownloadAsync(FileForTraining file, string path, CancellationToken ct)
    {
        using var response = await store.GetAsync(file.Key, ct) ?? throw new TrainingFileChangedException(file.FileName);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var body = response.ResponseStream)
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > file.SizeBytes)
                {
                    throw new TrainingFileChangedException(file.FileName);
                }
                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        if (size != file.SizeBytes || !string.Equals(Convert.ToHexStringLower(sha.GetHashAndReset()), file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new TrainingFileChangedException(file.FileName);
        }
    }
}
