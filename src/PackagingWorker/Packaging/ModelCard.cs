using System.Globalization;
using System.Text;
using System.Text.Json;
using AdapterPipeline.Contracts.Staging;

namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>What the README.md of an adapter ZIP is rendered from.</summary>
public sealed record ModelCardInput(
    string AdapterName,
    string AvatarId,
    int Version,
    Guid JobId,
    TrainingManifest Manifest,
    byte[]? LossCurvePng);

/// <summary>
/// Renders the README.md model card. The text depends only on its input (no clock, no culture, "\n" line ends), so
/// the same staged files always give the same ZIP bytes.
/// </summary>
public static class ModelCard
{
    /// <summary>The card's name inside the ZIP, beside the staged files.</summary>
    public const string FileName = "README.md";

    public static string Render(ModelCardInput input)
    {
        var manifest = input.Manifest;
        var baseModel = manifest.BaseModel;
        var card = new Card();

        card.Line($"# {input.AdapterName}");
        card.Line();
        card.Line($"LoRA adapter for avatar `{input.AvatarId}`, version {input.Version} (job `{input.JobId:N}`).");
        card.Line();
        card.Line($"- **Base model:** `{baseModel}`");
        card.Line(manifest.Trained
            ? "- **Status:** trained"
            : "- **Status:** untrained. The adapter's B matrices are zero, so it behaves exactly as the base model.");
        card.Line();

        Hyperparameters(card, manifest);
        TrainingFiles(card, manifest);
        Metrics(card, manifest, input.LossCurvePng);
        Samples(card, manifest);
        SoftwareVersions(card, manifest);
        HowToLoad(card, input.AdapterName, baseModel);
        return card.ToString();
    }

    private static void Hyperparameters(Card card, TrainingManifest manifest)
    {
        if (manifest.Hyperparameters.Count == 0)
        {
            return;
        }
        card.Line("## Hyperparameters");
        card.Line();
        card.Line("| name | value |");
        card.Line("|---|---|");
        foreach (var (name, value) in manifest.Hyperparameters)
        {
            card.Line($"| `{name}` | {Cell(Display(value))} |");
        }
        card.Line();
    }

    private static void TrainingFiles(Card card, TrainingManifest manifest)
    {
        if (manifest.TrainingFiles.Count == 0)
        {
            return;
        }
        card.Line("## Training files");
        card.Line();
        card.Line("| file | sha256 |");
        card.Line("|---|---|");
        foreach (var file in manifest.TrainingFiles)
        {
            card.Line($"| {Cell(CodeSpan(file.FileName))} | `{file.Sha256}` |");
        }
        card.Line();
    }

    private static void Metrics(Card card, TrainingManifest manifest, byte[]? lossCurvePng)
    {
        if (!manifest.Trained)
        {
            return;
        }
        var m = manifest.Metrics;
        card.Line("## Metrics");
        card.Line();
        card.Line("| metric | value |");
        card.Line("|---|---|");
        card.Line($"| final train loss | {Format(m.FinalTrainLoss, "F4")} |");
        card.Line($"| final eval loss | {Format(m.FinalEvalLoss, "F4")} |");
        card.Line($"| tokens/s | {Format(m.TokensPerSecond, "F1")} |");
        card.Line($"| device | {Cell(m.Device)} |");
        card.Line($"| dtype | {Cell(m.Dtype)} |");
        card.Line($"| wall time (s) | {Format(m.WallTimeSeconds, "F1")} |");
        card.Line($"| steps | {m.TotalSteps.ToString(CultureInfo.InvariantCulture)} |");
        card.Line();
        if (lossCurvePng is { Length: > 0 })
        {
            card.Line("Training loss (blue) and eval loss (orange) by optimizer step:");
            card.Line();
            card.Line($"![loss curve](data:image/png;base64,{Convert.ToBase64String(lossCurvePng)})");
            card.Line();
        }
    }

    private static void Samples(Card card, TrainingManifest manifest)
    {
        if (manifest.Samples.Count == 0)
        {
            return;
        }
        card.Line("## Sample completions");
        card.Line();
        card.Line("Greedy continuations of held-out prompts, without and with the adapter.");
        for (var i = 0; i < manifest.Samples.Count; i++)
        {
            var sample = manifest.Samples[i];
            card.Line();
            card.Line($"### Sample {i + 1}");
            card.Line();
            card.Line("Prompt:");
            card.Fenced(sample.Prompt);
            card.Line("Base model:");
            card.Fenced(sample.BaseCompletion);
            card.Line("With the adapter:");
            card.Fenced(sample.AdapterCompletion);
        }
        card.Line();
    }

    private static void SoftwareVersions(Card card, TrainingManifest manifest)
    {
        if (manifest.SoftwareVersions.Count == 0)
        {
            return;
        }
        card.Line("## Software");
        card.Line();
        foreach (var (name, version) in manifest.SoftwareVersions)
        {
            card.Line($"- {Cell(name)}: `{version}`");
        }
        card.Line();
    }

    private static void HowToLoad(Card card, string adapterName, string baseModel)
    {
        card.Line("## How to load");
        card.Line();
        card.Line("Unzip this archive into a folder (`path/to/adapter` below).");
        card.Line();
        card.Line("With PEFT:");
        card.Line();
        card.Line("```python");
        card.Line("from peft import PeftModel");
        card.Line("from transformers import AutoModelForCausalLM");
        card.Line();
        card.Line($"base = AutoModelForCausalLM.from_pretrained(\"{baseModel}\")");
        card.Line("model = PeftModel.from_pretrained(base, \"path/to/adapter\")");
        card.Line("```");
        card.Line();
        card.Line("With vLLM:");
        card.Line();
        card.Line("```sh");
        card.Line($"vllm serve {baseModel} --enable-lora --lora-modules {adapterName}=path/to/adapter");
        card.Line("```");
    }

    private static string Format(double? value, string format) => value switch
    {
        null => "–",
        { } v when !double.IsFinite(v) => v.ToString(CultureInfo.InvariantCulture),
        { } v => v.ToString(format, CultureInfo.InvariantCulture),
    };

    /// <summary>A setting as display text; numbers keep their JSON spelling so the card shows what was trained.</summary>
    private static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Display)),
        _ => value.GetRawText(),
    };

    /// <summary>Keeps a value inside its table cell.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    /// <summary>
    /// A file name as inline code, so that whatever it holds (links, HTML, emphasis) is shown and never rendered: the
    /// delimiter is a backtick run longer than any inside the name, padded when the name starts or ends with one.
    /// </summary>
    private static string CodeSpan(string value)
    {
        var delimiter = new string('`', LongestBacktickRun(value) + 1);
        var pad = value.StartsWith('`') || value.EndsWith('`') ? " " : "";
        return delimiter + pad + value + pad + delimiter;
    }

    private static int LongestBacktickRun(string value)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in value)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    private sealed class Card
    {
        private readonly StringBuilder text = new();

        public void Line(string line = "") => text.Append(line).Append('\n');

        /// <summary>A code fence longer than any backtick run in the text, so sample text cannot close it early.</summary>
        public void Fenced(string content)
        {
            var fence = new string('`', Math.Max(3, LongestBacktickRun(content) + 1));
            Line(fence);
            Line(content.Replace("\r\n", "\n"));
            Line(fence);
        }

        public override string ToString() => text.ToString();
    }
}
