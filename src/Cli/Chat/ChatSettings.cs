using System.ComponentModel;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Chat;

public sealed class ChatSettings : GlobalSettings
{
    [CommandArgument(0, "<model>")]
    [Description("{user}/{avatar} (the current version), {user}/{avatar}@v{n}, or a base model name.")]
    public string Model { get; init; } = "";

    [CommandArgument(1, "[message]")]
    [Description("The message. Left out: a conversation on a terminal, or the whole of stdin when it is redirected or with --json.")]
    public string? Message { get; init; }

    [CommandOption("--system <TEXT>")]
    [Description("A system message sent before the conversation.")]
    public string? System { get; init; }

    [CommandOption("--max-tokens <N>")]
    [Description("Most tokens in an answer (the server's bound when left out).")]
    public int? MaxTokens { get; init; }

    [CommandOption("--temperature <T>")]
    [Description("0 (greedy) to 2; the server's default is 1.")]
    public double? Temperature { get; init; }

    [CommandOption("--seed <S>")]
    [Description("The same seed and settings give the same answer.")]
    public long? Seed { get; init; }

    public override ValidationResult Validate() =>
        MaxTokens is < 1 ? ValidationResult.Error("--max-tokens must be at least 1.")
        : Temperature is < 0 or > 2 ? ValidationResult.Error("--temperature must be between 0 and 2.")
        : ValidationResult.Success();
}
