using AdapterPipeline.Cli.Adapters;
using AdapterPipeline.Cli.Avatars;
using AdapterPipeline.Cli.Chat;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Jobs;
using AdapterPipeline.Cli.Keys;
using AdapterPipeline.Cli.Login;
using AdapterPipeline.Cli.TrainingData;
using AdapterPipeline.Cli.Webhooks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli;

/// <summary>apctl's commands, and the one place where a failure becomes a message and an exit code.</summary>
public static class ApctlApp
{
    public static CommandApp Create(Terminal terminal, CliEnvironment environment)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("apctl");
            config.UseStrictParsing();
            config.ConfigureConsole(terminal.Out);
            config.Settings.Registrar.RegisterInstance(terminal);
            config.Settings.Registrar.RegisterInstance(environment);
            config.SetExceptionHandler((exception, _) => Fail(terminal.Err, exception));

            config.AddCommand<LoginCommand>("login").WithDescription("Store the Ingress URL and API key for later commands.")
                .WithExample("login", "--url", "http://127.0.0.1:8080", "--key", "apk_...");
            config.AddCommand<HistoryCommand>("history").WithDescription("An avatar's event history (training data and adapter events).");
            config.AddBranch("files", files =>
            {
                files.SetDescription("An avatar's training files.");
                files.AddCommand<FilesUploadCommand>("upload").WithDescription("Upload files, or every file of a folder, with a progress bar per file.")
                    .WithExample("files", "upload", "user-1", "ada", "./corpus");
                files.AddCommand<FilesListCommand>("ls").WithDescription("List the avatar's files and totals.");
                files.AddCommand<FilesFlagCommand>("flag").WithDescription("Use a file for training, or not (--off).");
                files.AddCommand<FilesRemoveCommand>("rm").WithDescription("Remove a file.");
            });
            config.AddCommand<TrainCommand>("train").WithDescription("Start training the avatar's adapter; --follow shows it live.")
                .WithExample("train", "user-1", "ada", "--epochs", "3", "--follow");
            config.AddBranch("jobs", jobs =>
            {
                jobs.SetDescription("Training jobs.");
                jobs.AddCommand<JobsShowCommand>("show").WithDescription("A job's state, progress, loss and ETA.");
                jobs.AddCommand<JobsCancelCommand>("cancel").WithDescription("Ask a job to stop.");
                jobs.AddCommand<JobsEventsCommand>("events").WithDescription("A job's history; --follow shows it live until it ends.");
            });
            config.AddBranch("versions", versions =>
            {
                versions.SetDescription("Adapter versions.");
                versions.AddCommand<VersionsListCommand>("ls").WithDescription("The adapter's versions and which one is current.");
                versions.AddCommand<VersionsRestoreCommand>("restore").WithDescription("Make an earlier version current again.");
            });
            config.AddCommand<DownloadCommand>("download").WithDescription("Save the current adapter ZIP to a file (streamed, SHA-256 checked).");
            config.AddCommand<ChatCommand>("chat").WithDescription("Talk to an avatar or a base model; the answer streams as it is written.")
                .WithExample("chat", "user-1/ada", "Hello!")
                .WithExample("chat", "user-1/ada@v2", "--temperature", "0");
            config.AddBranch("webhooks", webhooks =>
            {
                webhooks.SetDescription("Webhook subscriptions and deliveries.");
                webhooks.AddCommand<WebhooksListCommand>("ls").WithDescription("A user's subscriptions.");
                webhooks.AddCommand<WebhooksCreateCommand>("create").WithDescription("Subscribe a callback URL (prints its signing secret once).");
                webhooks.AddCommand<WebhooksDeleteCommand>("rm").WithDescription("Delete a subscription.");
                webhooks.AddCommand<WebhooksDeliveriesCommand>("deliveries").WithDescription("A user's deliveries, newest first.");
                webhooks.AddCommand<WebhooksRedeliverCommand>("redeliver").WithDescription("Send a delivery again now.");
            });
            config.AddBranch("keys", keys =>
            {
                keys.SetDescription("API keys (needs a service key that is not read-only).");
                keys.AddCommand<KeysCreateCommand>("create").WithDescription("Issue a key (prints it once).");
                keys.AddCommand<KeysListCommand>("ls").WithDescription("Every issued key, without secrets.");
                keys.AddCommand<KeysRevokeCommand>("revoke").WithDescription("Revoke a key; every Ingress refuses it within 5 s.");
            });
        });
        return app;
    }

    /// <summary>Prints why a command failed (a problem's title, detail and field errors) and picks its exit code.</summary>
    private static int Fail(IAnsiConsole err, Exception exception)
    {
        switch (exception)
        {
            case ApiProblem problem:
                err.MarkupLineInterpolated($"[red]error:[/] {problem.Title} [grey](HTTP {problem.Status})[/]");
                if (problem.Detail is not null && problem.Errors.Count == 0)
                {
                    err.MarkupLineInterpolated($"  {problem.Detail}");
                }
                foreach (var (field, messages) in problem.Errors)
                {
                    foreach (var message in messages)
                    {
                        err.MarkupLineInterpolated($"  [yellow]{field}[/]: {message}");
                    }
                }
                return ExitCodes.ForStatus(problem.Status);
            case NotLoggedIn:
                err.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return ExitCodes.Auth;
            case CommandAppException:
                err.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return ExitCodes.Usage;
            case HttpRequestException:
                err.MarkupLineInterpolated($"[red]error:[/] the server could not be reached: {exception.Message}");
                return ExitCodes.Failure;
            case OperationCanceledException:
                err.MarkupLine("[yellow]cancelled[/]");
                return ExitCodes.Failure;
            default:
                err.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return ExitCodes.Failure;
        }
    }
}
