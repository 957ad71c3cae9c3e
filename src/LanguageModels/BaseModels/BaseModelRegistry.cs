using AdapterPipeline.LanguageModels.Models;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>
/// The base models a request may name, and where their files are: a configured local directory, the model cache
/// (filled from S3 on first use), or a built-in generated into the cache on first use. A model in S3 that is not
/// downloaded yet can be described (<see cref="DescribeAsync"/>) so that its config and tensor names are known at
/// submission; like the downloaded files, a description is kept until the cache is cleared.
/// </summary>
public sealed class BaseModelRegistry(IOptions<BaseModelOptions> options, S3BaseModelDownloader? downloader = null)
{
    private readonly SemaphoreSlim fetching = new(1, 1);
    private readonly SemaphoreSlim describing = new(1, 1);

    public IReadOnlyCollection<string> Names =>
        TinyBaseModels.Names.Concat(options.Value.BaseModels.Keys).Distinct().ToList();

    public bool Contains(string name) => Names.Contains(name);

    /// <summary>The architecture when it is known without downloading anything, else null.</summary>
    public ModelArchitecture? ArchitectureOf(string name)
    {
        if (TinyBaseModels.Names.Contains(name))
        {
            return TinyBaseModels.Config(name).Architecture;
        }
        if (!options.Value.BaseModels.TryGetValue(name, out var source))
        {
            return null;
        }
        try
        {
            return source.Architecture ?? ConfigOf(name)?.Architecture;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The model's config when it can be read without downloading the weights (from its files or its description), else null.
    /// </summary>
    /// <exception cref="NotSupportedException">The config asks for something the forward pass does not implement.</exception>
    public ModelConfig? ConfigOf(string name)
    {
        if (TinyBaseModels.Names.Contains(name))
        {
            return TinyBaseModels.Config(name);
        }
        var config = LocalDirectory(name) is { } directory ? Path.Combine(directory, "config.json") : null;
        return config is not null && File.Exists(config) ? ModelConfigJson.Read(config) : null;
    }

    /// <summary>The checkpoint's tensor names, read from the safetensors headers, when its files or its description are here; else null.</summary>
    public IReadOnlySet<string>? CheckpointTensorNames(string name)
    {
        var directory = LocalDirectory(name);
        return directory is not null && HasConfig(directory) && !TinyBaseModels.Names.Contains(name)
            ? SafetensorsCheckpoint.TensorNames(directory)
            : null;
    }

    /// <summary>The directory of a model whose files or description are here (not a built-in one), else null.</summary>
    public string? LocalFilesOf(string name) => TinyBaseModels.Names.Contains(name) ? null : LocalDirectory(name);

    /// <summary>What an adapter names as its base: the configured Hugging Face id, else the registry name.</summary>
    public string PeftBaseName(string name) =>
        options.Value.BaseModels.TryGetValue(name, out var source) && !string.IsNullOrWhiteSpace(source.HubId) ? source.HubId : name;

    /// <summary>The registry name an adapter's <c>base_model_name_or_path</c> stands for (see <see cref="PeftBaseName"/>), else null.</summary>
    public string? NameOfPeftBase(string peftBaseName) => Names.FirstOrDefault(n => PeftBaseName(n) == peftBaseName);

    // A configured path, else the cache, else the description of a model the cache does not hold yet.
    private string? LocalDirectory(string name)
    {
        if (!options.Value.BaseModels.TryGetValue(name, out var source))
        {
            return null;
        }
        if (!string.IsNullOrEmpty(source.Path))
        {
            return source.Path;
        }
        var cache = CacheDirectory(name);
        var description = DescriptionDirectory(name);
        return !HasConfig(cache) && HasConfig(description) ? description : cache;
    }

    /// <summary>
    /// Fetches the description of a model that lies only in S3 (its config, chat template and weight headers, see
    /// <see cref="S3BaseModelDownloader.DescribeAsync"/>) unless its files or description are here already. False when
    /// it is an S3 model whose folder has no config.json; true otherwise.
    /// </summary>
    public async Task<bool> DescribeAsync(string name, CancellationToken ct)
    {
        if (downloader is null || !options.Value.BaseModels.TryGetValue(name, out var source) || !string.IsNullOrEmpty(source.Path)
            || HasConfig(LocalDirectory(name)!))
        {
            return true;
        }
        await describing.WaitAsync(ct);
        try
        {
            var directory = DescriptionDirectory(name);
            if (HasConfig(directory))
            {
                return true;
            }
            return await WriteWholeAsync(directory, staging => downloader.DescribeAsync(name, staging, ct));
        }
        finally
        {
            describing.Release();
        }
    }

    public async Task<string> ResolveAsync(string name, CancellationToken ct)
    {
        if (options.Value.BaseModels.TryGetValue(name, out var source) && !string.IsNullOrEmpty(source.Path))
        {
            return Directory.Exists(source.Path)
                ? source.Path
                : throw new DirectoryNotFoundException($"Base model '{name}' is configured at {source.Path}, which does not exist.");
        }
        if (!Contains(name))
        {
            throw new ArgumentException($"Unknown base model '{name}'.", nameof(name));
        }
        var directory = CacheDirectory(name);
        if (IsComplete(name, directory))
        {
            return directory;
        }
        await fetching.WaitAsync(ct);
        try
        {
            if (!IsComplete(name, directory))
            {
                await FetchAsync(name, directory, ct);
            }
            return directory;
        }
        finally
        {
            fetching.Release();
        }
    }

    // A built-in model cached before it had a chat template is written again.
    private static bool IsComplete(string name, string directory) =>
        HasConfig(directory)
        && (!TinyBaseModels.Names.Contains(name) || File.Exists(Path.Combine(directory, "tokenizer_config.json")));

    private static bool HasConfig(string directory) => File.Exists(Path.Combine(directory, "config.json"));

    private string CacheDirectory(string name) => Path.Combine(options.Value.ModelCacheDirectory, name);

    private string DescriptionDirectory(string name) => Path.Combine(options.Value.ModelCacheDirectory, ".descriptions", name);

    private async Task FetchAsync(string name, string directory, CancellationToken ct)
    {
        // A description stays (kilobytes): a check may be reading it.
        await WriteWholeAsync(directory, async staging =>
        {
            if (TinyBaseModels.Names.Contains(name))
            {
                TinyBaseModels.Write(name, staging);
            }
            else
            {
                var s3 = downloader ?? throw new InvalidOperationException($"Base model '{name}' lives in S3, but no object store is configured.");
                await s3.DownloadAsync(name, staging, ct);
            }
            return true;
        });
    }

    // Files land in a temporary sibling first, so a half-written directory is never taken for a complete one.
    private static async Task<bool> WriteWholeAsync(string directory, Func<string, Task<bool>> write)
    {
        var staging = directory + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            if (!await write(staging))
            {
                return false;
            }
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            Directory.Move(staging, directory);
            return true;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
