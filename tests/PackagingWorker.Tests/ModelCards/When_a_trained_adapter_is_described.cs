using System.Text;
using AdapterPipeline.PackagingWorker.Packaging;

namespace AdapterPipeline.PackagingWorker.Tests.ModelCards;

public sealed class When_a_trained_adapter_is_described
{
    private static readonly Guid JobId = Guid.Parse("0b7c52f4-58a1-4f55-9a43-2b1f5b8e7c11");

    private readonly string card = ModelCard.Render(new ModelCardInput(
        "support-voice", "avatar_42", 3, JobId,
        StagedAdapter.TrainedManifest,
        StagedAdapter.TinyPng));

    [Fact]
    public void Should_title_it_with_the_adapter_and_avatar() =>
        Assert.StartsWith("# support-voice\n\nLoRA adapter for avatar `avatar_42`, version 3 (job `0b7c52f458a14f559a432b1f5b8e7c11`).", card);

    [Fact]
    public void Should_name_the_base_model_and_say_it_is_trained()
    {
        Assert.Contains("- **Base model:** `tiny-llama`", card);
        Assert.Contains("- **Status:** trained\n", card);
        Assert.DoesNotContain("behaves exactly as the base model", card);
    }

    [Fact]
    public void Should_list_every_hyperparameter_as_trained()
    {
        Assert.Contains("| `learning_rate` | 0.0002 |", card);
        Assert.Contains("| `target_modules` | q_proj, v_proj |", card);
        Assert.Contains("| `lr_scheduler` | cosine |", card);
        Assert.Contains("| `max_steps` | null |", card);
    }

    [Fact]
    public void Should_list_the_training_files_with_their_sha256() =>
        Assert.Contains($"| `notes.txt` | `{StagedAdapter.TrainingFileSha256}` |", card);

    [Fact]
    public void Should_show_the_metrics_table()
    {
        Assert.Contains("| final train loss | 3.2500 |", card);
        Assert.Contains("| final eval loss | 3.5000 |", card);
        Assert.Contains("| tokens/s | 1234.5 |", card);
        Assert.Contains("| device | cpu |", card);
        Assert.Contains("| dtype | float32 |", card);
        Assert.Contains("| wall time (s) | 12.5 |", card);
        Assert.Contains("| steps | 10 |", card);
    }

    [Fact]
    public void Should_embed_the_loss_curve_image() =>
        Assert.Contains($"![loss curve](data:image/png;base64,{Convert.ToBase64String(StagedAdapter.TinyPng)})\n", card);

    [Fact]
    public void Should_show_base_and_adapter_completions_in_fences_their_text_cannot_close()
    {
        Assert.Contains("Prompt:\n```\nThe avatar says\n```\n", card);
        Assert.Contains("Base model:\n```\nnothing much\n```\n", card);
        Assert.Contains("With the adapter:\n````\nhello | friend ```code```\n````\n", card);
    }

    [Fact]
    public void Should_list_the_software_versions() =>
        Assert.Contains("- torchsharp: `0.107.0`", card);

    [Fact]
    public void Should_say_how_to_load_it_with_peft_and_vllm()
    {
        Assert.Contains("base = AutoModelForCausalLM.from_pretrained(\"tiny-llama\")", card);
        Assert.Contains("PeftModel.from_pretrained(base, \"path/to/adapter\")", card);
        Assert.Contains("vllm serve tiny-llama --enable-lora --lora-modules support-voice=path/to/adapter", card);
    }

    [Fact]
    public void Should_use_unix_line_ends_only() => Assert.DoesNotContain("\r", card);
}
