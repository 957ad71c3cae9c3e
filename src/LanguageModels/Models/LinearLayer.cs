using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// A frozen linear layer under its Hugging Face module name (e.g. <c>model.layers.0.self_attn.q_proj</c>).
/// <see cref="Weight"/> is always [out, in]; GPT-2's Conv1D weights are transposed on load.
/// </summary>
public sealed record LinearLayer(string Name, Tensor Weight, Tensor? Bias)
{
    public long InFeatures => Weight.shape[1];

    public long OutFeatures => Weight.shape[0];

    public Tensor Forward(Tensor x, ILoraTerm? adapter, bool training)
    {
        var y = nn.functional.linear(x, Weight, Bias);
        return adapter is null ? y : adapter.Apply(Name, x, y, training);
    }
}
