namespace AdapterPipeline.LanguageModels.Adapters;

/// <summary>
/// PEFT's tensor names: the Hugging Face module name under <c>base_model.model.</c>, then <c>lora_A.weight</c>
/// ([r, in]) or <c>lora_B.weight</c> ([out, r]); e.g. <c>base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight</c>.
/// </summary>
public static class PeftTensorNames
{
    private const string Prefix = "base_model.model.";
    private const string ASuffix = ".lora_A.weight";
    private const string BSuffix = ".lora_B.weight";

    public static string A(string moduleName) => Prefix + moduleName + ASuffix;

    public static string B(string moduleName) => Prefix + moduleName + BSuffix;

    /// <summary>The module name and which matrix a PEFT tensor name holds, or null for any other name.</summary>
    public static (string Module, bool IsA)? Parse(string tensorName)
    {
        if (!tensorName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = tensorName[Prefix.Length..];
        if (rest.EndsWith(ASuffix, StringComparison.Ordinal))
        {
            return (rest[..^ASuffix.Length], true);
        }
        if (rest.EndsWith(BSuffix, StringComparison.Ordinal))
        {
            return (rest[..^BSuffix.Length], false);
        }
        return null;
    }
}
