namespace AdapterPipeline.LanguageModels.Models;

public enum ModelArchitecture
{
    /// <summary>Llama, Mistral and Qwen2: RMSNorm, rotary embeddings, SwiGLU MLP, grouped-query attention.</summary>
    Llama,

    /// <summary>GPT-2: learned positions, LayerNorm, GELU MLP, Conv1D weights stored [in, out].</summary>
    Gpt2,
}
