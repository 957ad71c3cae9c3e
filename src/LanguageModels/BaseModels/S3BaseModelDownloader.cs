using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>Copies every object under <c>models/{name}/</c> into a local directory.</summary>
public sealed class S3BaseModelDownloader(ObjectStore store)
{
    public async Task DownloadAsync(string name, string directory, CancellationToken ct)
    {
        var prefix = StorageKeys.ModelPrefix(name);
        var count = 0;
        await foreach (var item in store.ListAsync(prefix, ct))
        {
            var relative = item.Key[prefix.Length..];
            if (relative.Length == 0 || relative.EndsWith('/'))
            {
                continue;
            }
            var target = Path.GetFullPath(Path.Combine(directory, relative));
            if (!target.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Object key '{item.Key}' points outside the model directory.");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var response = await store.GetAsync(item.Key, ct) ?? throw new FileNotFoundException($"'{item.Key}' vanished while downloading.");
            await using var file = File.Create(target);
            await response.ResponseStream.CopyToAsync(file, ct);
            count++;
        }
        if (count == 0)
        {
            throw new FileNotFoundException($"No objects under '{prefix}'.");
        }
    }
}
