using System.Collections.Concurrent;
using AdapterPipeline.ChatTemplates;
using AdapterPipeline.LanguageModels.BaseModels;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace AdapterPipeline.InferenceWorker.Serving;

/// <summary>Loads each base model on first use, once, and keeps it for the life of the worker.</summary>
public sealed class ServedBases(BaseModelRegistry registry, IOptions<InferenceOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ServedBase>>> loaded = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => registry.Names;

    public bool Contains(string name) => registry.Contains(name);

    public Task<ServedBase> GetAsync(string name, CancellationToken ct)
    {
        var lazy = loaded.GetOrAdd(name, n => new Lazy<Task<ServedBase>>(() => LoadAsync(n)));
        return lazy.Value.WaitAsync(ct);
    }

    private async Task<ServedBase> LoadAsync(string name)
    {
        var directory = await registry.ResolveAsync(name, CancellationToken.None);
        var device = new torch.Device(options.Value.Device);
        var dtype = device.type == DeviceType.CUDA ? torch.bfloat16 : torch.float32;
        var model = BaseModelLoader.Load(name, directory, device, dtype);
        return new ServedBase(model, ModelChatFormat.Load(directory, model.Tokenizer.EndOfSequenceText), options.Value.MaxBatchRows);
    }

    public void Dispose()
    {
        foreach (var lazy in loaded.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully))
        {
            lazy.Value.Result.Dispose();
        }
    }
}
