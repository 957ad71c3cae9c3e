using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;

namespace AdapterPipeline.Cli.Chat;

/// <summary>
/// Talks to an avatar (or a base model): one streamed answer to the given message or to stdin, or a conversation
/// on a terminal that keeps its history until <c>/exit</c> or end of input.
/// </summary>
public sealed class ChatCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<ChatSettings>(terminal, environment)
{
    private const string ExitWord = "/exit";

    protected override async Task<int> RunAsync(ApiClient api, ChatSettings settings, CancellationToken ct)
    {
        var history = new List<ChatMessage>();
        if (settings.System is not null)
        {
            history.Add(new ChatMessage("system", settings.System));
        }
        // A conversation is for a person; --json (a script) always sends one message.
        if (settings.Message is null && !settings.Json && !Terminal.InputRedirected)
        {
            await ConverseAsync(api, settings, history, ct);
            return ExitCodes.Ok;
        }
        var message = settings.Message ?? await Terminal.In.ReadToEndAsync(ct);
        history.Add(new ChatMessage("user", message));
        var answer = await AnswerAsync(api, settings, history, ct);
        if (settings.Json)
        {
            Terminal.WriteRaw(JsonSerializer.Serialize(answer, ApiClient.Json));
        }
        return ExitCodes.Ok;
    }

    private async Task ConverseAsync(ApiClient api, ChatSettings settings, List<ChatMessage> history, CancellationToken ct)
    {
        Terminal.Err.MarkupLineInterpolated($"[grey]Talking to {settings.Model}; {ExitWord} or Ctrl-D to leave.[/]");
        while (true)
        {
            Terminal.Err.Markup("[bold]> [/]");
            var line = await Terminal.In.ReadLineAsync(ct);
            if (line is null || line.Trim() == ExitWord)
            {
                return;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            history.Add(new ChatMessage("user", line));
            var answer = await AnswerAsync(api, settings, history, ct);
            history.Add(new ChatMessage("assistant", answer.Content));
        }
    }

    // Streams the text to stdout as it arrives, unless --json wants only the whole answer there.
    private async Task<ChatAnswer> AnswerAsync(ApiClient api, ChatSettings settings, List<ChatMessage> history, CancellationToken ct)
    {
        var writer = Out.Profile.Out.Writer;
        Action<string> onText = settings.Json ? _ => { } : text =>
        {
            writer.Write(text);
            writer.Flush();
        };
        var answer = await ChatStream.CompleteAsync(api, settings, history, onText, ct);
        if (!settings.Json)
        {
            writer.WriteLine();
            writer.Flush();
            if (answer.FinishReason == "length")
            {
                Terminal.Err.MarkupLine("[grey](cut off at the token limit)[/]");
            }
        }
        return answer;
    }
}
