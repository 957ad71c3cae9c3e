using AdapterPipeline.InferenceWorker.Adapters;
using AdapterPipeline.InferenceWorker.Serving;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// Resolves a request's model to a base model and, for an avatar, the adapter version to apply (the current one
/// unless pinned), and renders the prompt: a conversation with the base model's format, as the trainer renders it.
/// </summary>
public sealed class CompletionService(ServedBases bases, AdapterStore adapters)
{
    public async Task<PreparedCompletion> PrepareAsync(CompletionRequest request, CancellationToken ct)
    {
        var address = request.Address;
        AdapterLease? lease = null;
        string baseName;
        if (address.IsAvatar)
        {
            var version = address.Version ?? await adapters.CurrentVersionAsync(address.UserId!, address.AvatarId!, ct)
                ?? throw OpenAiException.ModelNotFound(request.Model);
            lease = await adapters.LeaseAsync(new AdapterKey(address.UserId!, address.AvatarId!, version), ct)
                ?? throw OpenAiException.ModelNotFound(request.Model);
            baseName = lease.Adapter.BaseModel;
        }
        else
        {
            baseName = bases.Contains(address.BaseModel!) ? address.BaseModel! : throw OpenAiException.ModelNotFound(request.Model);
        }
        try
        {
            var served = await bases.GetAsync(baseName, ct);
            var text = request.Messages is { } messages ? served.Format.Render(messages, addGenerationPrompt: true) : request.Prompt!;
            var prompt = served.Model.Tokenizer.Encode(text);
            var context = served.Model.Config.MaxContext;
            if (prompt.Count == 0 || prompt.Count >= context)
            {
                var param = request.Messages is null ? "prompt" : "messages";
                throw OpenAiException.Invalid(param, $"The prompt is {prompt.Count} tokens; the model takes 1 to {context - 1}.");
            }
            return new PreparedCompletion(served, lease, prompt, request);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }
    }
}

/// <summary>A request ready to decode; disposing it ends its hold on the adapter.</summary>
public sealed class PreparedCompletion(ServedBase served, AdapterLease? lease, IReadOnlyList<int> prompt, CompletionRequest request) : IAsyncDisposable
{
    public Task<GenerationResult> RunAsync(Func<string, Task> onText, CancellationToken ct) =>
        TextGeneration.RunAsync(served, lease?.Adapter.Lora, prompt, request, onText, ct);

    public ValueTask DisposeAsync()
    {
        lease?.Dispose();
        return ValueTask.CompletedTask;
    }
}
