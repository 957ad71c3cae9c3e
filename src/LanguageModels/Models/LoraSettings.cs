namespace AdapterPipeline.LanguageModels.Models;

/// <summary>The LoRA shape: rank, alpha (scaling = alpha / rank), dropout on the adapter's input, and which linear layers it wraps.</summary>
public sealed record LoraSettings(int Rank, int Alpha, double Dropout, IReadOnlyList<string> TargetModules)
{
    public double Scaling => (double)Alpha / Rank;

    /// <summary>PEFT's rule for a plain target name: the module's full name equals it or ends with "." + it.</summary>
    public static bool Matches(string moduleName, string target) =>
        moduleName == target || moduleName.EndsWith("." + target, StringComparison.Ordinal);

    public bool Targets(string moduleName) => TargetModules.Any(t => Matches(moduleName, t));

    public static IReadOnlyList<string> DefaultTargets(ModelArchitecture architecture) => architecture switch
    {
        ModelArchitecture.Gpt2 => ["c_attn"],
        _ => ["q_proj", "v_proj"],
    };

    /// <summary>The short names of the linear layers an architecture has; each can be a target.</summary>
    public static IReadOnlyList<string> KnownModules(ModelArchitecture architecture) => architecture switch
    {
        ModelArchitecture.Gpt2 => ["c_attn", "c_proj", "c_fc", "attn.c_proj", "mlp.c_proj"],
        _ => ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    };
}
