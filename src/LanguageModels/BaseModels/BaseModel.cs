using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Tokenization;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>A base model loaded for training: its name as requested, its files, its network and its tokenizer.</summary>
public sealed record BaseModel(string Name, string Directory, ICausalLanguageModel Model, TextTokenizer Tokenizer) : IDisposable
{
    public ModelConfig Config => Model.Config;

    public void Dispose() => Model.Dispose();
}
