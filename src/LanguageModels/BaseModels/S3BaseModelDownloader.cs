using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>Copies the objects under <c>models/{name}/</c> into a local directory: all of them, or only what describes the model.</summary>
public sealed class S3BaseModelDownloader(ObjectStore store)
{
    // What the submission checks read: the config, the chat template's two homes and the shard index.
    private static readonly string[] DescriptionFiles =
        ["config.json", "tokenizer_config.json", "chat_template.jinja", SafetensorsCheckpoint.IndexFile];

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
            if (!await CopyToFileAsync(item.Key, target, ct))
            {
                throw new FileNotFoundException($"'{item.Key}' vanished while downloading.");
            }
            count++;
        }
        if (count == 0)
        {
            throw new FileNotFoundException($"No objects under '{prefix}'.");
        }
    }

    /// <summary>
    /// The model's description without its weights: the files the submission checks read, and each weight file's
    /// safetensors header alone (its length prefix and header, read with two ranged GETs, no tensor data), from which
    /// <see cref="SafetensorsCheckpoint.TensorNames"/> lists the tensors. False when <c>models/{name}/</c> has no config.json.
    /// </summary>
    public async Task<bool> DescribeAsync(string name, string directory, CancellationToken ct)
    {
        var prefix = StorageKeys.ModelPrefix(name);
        Directory.CreateDirectory(directory);
        foreach (var file in DescriptionFiles)
        {
            if (!await CopyToFileAsync(prefix + file, Path.Combine(directory, file), ct) && file == "config.json")
            {
                return false;
            }
        }
        var index = Path.Combine(directory, SafetensorsCheckpoint.IndexFile);
        var weightFiles = File.Exists(index) ? SafetensorsCheckpoint.ShardFiles(await File.ReadAllTextAsync(index, ct)) : [SafetensorsCheckpoint.SingleFile];
        foreach (var file in weightFiles)
        {
            if (await HeaderAsync(prefix + file, ct) is { } header)
            {
                await File.WriteAllBytesAsync(Path.Combine(directory, file), header, ct);
            }
        }
        return true;
    }

    // False when there is no such key.
    private async Task<bool> CopyToFileAsync(string key, string path, CancellationToken ct)
    {
        using var response = await store.GetAsync(key, ct);
        if (response is null)
        {
            return false;
        }
        await using var file = File.Create(path);
        await response.ResponseStream.CopyToAsync(file, ct);
        return true;
    }

    private async Task<byte[]?> HeaderAsync(string key, CancellationToken ct)
    {
        if (await store.ReadRangeAsync(key, 0, SafetensorsReader.PrefixBytes - 1, ct) is not { } prefix)
        {
            return null;
        }
        if (prefix.Length < SafetensorsReader.PrefixBytes)
        {
            throw new SafetensorsFormatException($"{key} is shorter than a safetensors header.");
        }
        var length = SafetensorsReader.HeaderLength(prefix);
        var header = await store.ReadRangeAsync(key, SafetensorsReader.PrefixBytes, SafetensorsReader.PrefixBytes + length - 1, ct)
            ?? throw new FileNotFoundException($"{key} vanished while its header was read.");
        if (header.LongLength != length)
        {
            throw new SafetensorsFormatException($"{key} ends inside its safetensors header.");
        }
        return [.. prefix, .. header];
    }
}
