using System.ComponentModel;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Output;

/// <summary>Options every command takes.</summary>
public class GlobalSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print the answer as JSON on stdout (and nothing else there), for scripts.")]
    public bool Json { get; init; }
}

/// <summary>A command about one avatar of one user.</summary>
public class AvatarSettings : GlobalSettings
{
    [CommandArgument(0, "<user>")]
    [Description("The user id.")]
    public string User { get; init; } = "";

    [CommandArgument(1, "<avatar>")]
    [Description("The avatar id.")]
    public string Avatar { get; init; } = "";

    public string TrainingData => $"training-data/{Uri.EscapeDataString(User)}/{Uri.EscapeDataString(Avatar)}";

    public string Adapters => $"adapters/{Uri.EscapeDataString(User)}/{Uri.EscapeDataString(Avatar)}";
}

/// <summary>A command about one user.</summary>
public class UserSettings : GlobalSettings
{
    [CommandArgument(0, "<user>")]
    [Description("The user id.")]
    public string User { get; init; } = "";

    public string Webhooks => $"webhooks/{Uri.EscapeDataString(User)}";
}
