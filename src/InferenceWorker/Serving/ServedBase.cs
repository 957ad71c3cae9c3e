using AdapterPipeline.ChatTemplates;
using AdapterPipeline.LanguageModels.BaseModels;

namespace AdapterPipeline.InferenceWorker.Serving;

/// <summary>
/// A base model held once, frozen, for every adapter of it, with the renderer the trainer uses for its conversations.
/// <see cref="Gate"/> lets one generation at a time use the model.
/// </summary>
public sealed class ServedBase(BaseModel model, ConversationFormat format) : IDisposable
{
    public BaseModel Model { get; } = model;

    public ConversationFormat Format { get; } = format;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public void Dispose()
    {
        Model.Dispose();
        Gate.Dispose();
    }
}
