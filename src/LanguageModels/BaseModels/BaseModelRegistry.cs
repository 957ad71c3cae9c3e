using AdapterPipeline.LanguageModels.Models;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>
/// The base models a request may name, and where their files are: a configured local directory, the model cache
/// (filled from S3 on first use), or a built-in generated into the cache on first use.
/// </summary>
public sealed class BaseModelRegistry(IOptions<BaseModelOptions> options, S3BaseModelDownloader? downloader = null)
{
    private readonly SemaphoreSlim fetching = new(1, 1);

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
    /// The model's config when it can be read without downloading anything, else null.
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

    /// <summary>The checkpoint's tensor names, read from the safetensors headers, when its files are already here; else null.</summary>
    public IReadOnlySet<string>? CheckpointTensorNames(string name)
    {
        var directory = LocalDirectory(name);
        return directory is not null && File.Exists(Path.Combine(directory, "config.json")) && !TinyBaseModels.Names.Contains(name)
            ? SafetensorsCheckpoint.TensorNames(directory)
            : null;
    }

    /// <summary>The directory of a model whose files are already here (not a built-in one), else null.</summary>
    public string? LocalFilesOf(string name) => TinyBaseModels.Names.Contains(name) ? null : LocalDirectory(name);

    /// <summary>What an adapter names as its base: the configured Hugging Face id, else the registry name.</summary>
    public string PeftBaseName(string name) =>
        options.Value.BaseModels.TryGetValue(name, out var source) && !string.IsNullOrWhiteSpace(source.HubId) ? source.HubId : name;

    /// <summary>The registry name an adapter's <c>base_model_name_or_path</c> stands for (see <see cref="PeftBaseName"/>), else null.</summary>
    public string? NameOfPeftBase(string peftBaseName) => Names.FirstOrDefault(n => PeftBaseName(n) == peftBaseName);

    private string? LocalDirectory(string name) =>
        options.Value.BaseModels.TryGetValue(name, out var source) ? (string.IsNullOrEmpty(source.Path) ? CacheDirectory(name) : source.Path) : null;

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
        File.Exists(Path.Combine(directory, "config.json"))
        && (!TinyBaseModels.Names.Contains(name) || File.Exists(Path.Combine(directory, "tokenizer_config.json")));

    private string CacheDirectory(string name) => Path.Combine(options.Value.ModelCacheDirectory, name);

    // Files land in a temporary sibling first, so a half-written model is never taken for a complete one.
    private async Task FetchAsync(string name, string directory, CancellationToken ct)
    {
        var staging = directory + ".partial-" + Guid.NewGuid().ToString("N");
        try
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
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            Directory.Move(staging, directory);
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
