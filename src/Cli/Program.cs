using AdapterPipeline.Cli;
using AdapterPipeline.Cli.Configuration;
using Spectre.Console;

return await ApctlApp.Create(
        new Terminal(AnsiConsole.Console, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })),
        CliEnvironment.FromProcess())
    .RunAsync(args);
