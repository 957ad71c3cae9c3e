using System.ComponentModel;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Jobs;

/// <summary>A command about one job.</summary>
public class JobIdSettings : GlobalSettings
{
    [CommandArgument(0, "<job>")]
    [Description("The job id (as train printed it).")]
    public string Job { get; init; } = "";

    public Guid JobId => Guid.Parse(Job);

    public override ValidationResult Validate() =>
        Guid.TryParse(Job, out _) ? ValidationResult.Success() : ValidationResult.Error($"'{Job}' is not a job id");
}
