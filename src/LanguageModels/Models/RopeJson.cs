using System.Text.Json.Nodes;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// The rotary settings of a Llama-family config.json, in either spelling: transformers 5's
/// <c>rope_parameters: { rope_theta, rope_type, … }</c> or the older top-level <c>rope_theta</c> and <c>rope_scaling</c>.
/// </summary>
internal static class RopeJson
{
    public static (double Theta, RopeScaling? Scaling) Read(JsonObject root)
    {
        var parameters = root["rope_parameters"] as JsonObject;
        if (parameters is not null && parameters["rope_type"] is null && parameters["rope_theta"] is null)
        {
            throw new NotSupportedException("rope_parameters given per layer type is not implemented.");
        }
        var theta = (parameters is null ? null : ModelConfigJson.OptionalDouble(parameters, "rope_theta"))
            ?? ModelConfigJson.OptionalDouble(root, "rope_theta") ?? 10000;
        var spec = parameters ?? root["rope_scaling"] as JsonObject;
        var type = spec?["rope_type"]?.GetValue<string>() ?? spec?["type"]?.GetValue<string>() ?? "default";
        var factor = spec is null ? 1 : ModelConfigJson.OptionalDouble(spec, "factor") ?? 1;
        RopeScaling? scaling = type switch
        {
            "default" => null,
            "linear" or "dynamic" => new RopeScaling(type, factor),
            "llama3" => new RopeScaling(type, factor,
                ModelConfigJson.OptionalDouble(spec!, "low_freq_factor") ?? throw new NotSupportedException("llama3 rope scaling needs low_freq_factor."),
                ModelConfigJson.OptionalDouble(spec!, "high_freq_factor") ?? throw new NotSupportedException("llama3 rope scaling needs high_freq_factor."),
                ModelConfigJson.OptionalInt(spec!, "original_max_position_embeddings")
                    ?? throw new NotSupportedException("llama3 rope scaling needs original_max_position_embeddings.")),
            _ => throw new NotSupportedException($"rope type '{type}' is not implemented; supported: default, linear, dynamic, llama3."),
        };
        return (theta, scaling);
    }

    public static JsonObject Write(RopeScaling scaling)
    {
        var json = new JsonObject { ["rope_type"] = scaling.Type, ["factor"] = scaling.Factor };
        if (scaling.Type == "llama3")
        {
            json["low_freq_factor"] = scaling.LowFrequencyFactor;
            json["high_freq_factor"] = scaling.HighFrequencyFactor;
            json["original_max_position_embeddings"] = scaling.OriginalMaxPositions;
        }
        return json;
    }
}
