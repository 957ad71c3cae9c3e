using System.Text.Json;
using AdapterPipeline.SystemTests;

namespace AdapterPipeline.Cli.Tests.Chat;

/// <summary>
/// apctl chat against the real Ingress and an inference worker serving the built-in tiny base. In the pipeline's
/// collection only so that it never runs beside the training tests: running both at once, the train --follow
/// final-frame check failed 2 runs in 4.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class When_chatting_from_the_cli(ChatStack stack) : IClassFixture<ChatStack>, IDisposable
{
    private const string Base = "tiny-llama";

    private readonly Apctl apctl = new(stack.Url);

    public void Dispose() => apctl.Dispose();

    [Fact]
    public async Task Should_print_the_streamed_answer_that_json_gives_whole()
    {
        string[] args = ["chat", Base, "Hello there", "--max-tokens", "8", "--temperature", "0", "--system", "Be brief."];

        var json = await apctl.RunAsync([.. args, "--json"]);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var answer = JsonDocument.Parse(json.Stdout);
        var root = answer.RootElement;
        Assert.Equal(Base, root.GetProperty("model").GetString());
        var content = root.GetProperty("content").GetString()!;
        Assert.NotEmpty(content);
        Assert.Contains(root.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        Assert.InRange(root.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 8);

        var streamed = await apctl.RunAsync(args);
        Assert.True(streamed.ExitCode == 0, streamed.ToString());
        Assert.Equal(content, streamed.Stdout.TrimEnd('\n'));
    }

    [Fact]
    public async Task Should_read_the_message_from_stdin_when_redirected_or_with_json()
    {
        string[] args = ["chat", Base, "--max-tokens", "6", "--temperature", "0", "--json"];
        var fromArgument = await apctl.RunAsync([.. args, "Once upon a time"]);
        var redirected = await apctl.RunAsync(args, "Once upon a time", inputIsTerminal: false);
        var typed = await apctl.RunAsync(args, "Once upon a time", inputIsTerminal: true);

        Assert.True(redirected.ExitCode == 0, redirected.ToString());
        Assert.True(typed.ExitCode == 0, typed.ToString());
        var expected = Content(fromArgument);
        Assert.Equal(expected, Content(redirected));
        Assert.Equal(expected, Content(typed));
    }

    private static string? Content(ApctlRun run)
    {
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.GetProperty("content").GetString();
    }

    [Fact]
    public async Task Should_keep_a_conversation_on_a_terminal_until_exit()
    {
        var run = await apctl.RunAsync(["chat", Base, "--max-tokens", "4", "--seed", "7"], "Hi\n\nHow are you?\n/exit\nnot sent\n", inputIsTerminal: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        var answers = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, answers.Length);
        Assert.Contains("/exit", run.Stderr);
    }

    [Fact]
    public async Task Should_answer_another_users_avatar_as_not_found()
    {
        var owner = "user-" + Guid.NewGuid().ToString("N")[..8];
        using var user = new Apctl(stack.Url, await stack.UserKeyAsync(owner));

        var foreign = await user.RunAsync("chat", "someone-else/ada", "Hello");
        var unknown = await user.RunAsync("chat", $"{owner}/never-trained", "Hello");

        Assert.True(foreign.ExitCode == ExitCodes.NotFound, foreign.ToString());
        Assert.Contains("model", foreign.Stderr);
        Assert.Equal("", foreign.Stdout);
        Assert.True(unknown.ExitCode == ExitCodes.NotFound, unknown.ToString());
        Assert.Contains("model_not_found", unknown.Stderr);
    }

    [Fact]
    public async Task Should_refuse_an_unknown_key_and_a_bad_temperature()
    {
        using var stranger = new Apctl(stack.Url, "ap_live_nope_0000");

        var refused = await stranger.RunAsync("chat", Base, "Hello");
        var bad = await apctl.RunAsync("chat", Base, "Hello", "--temperature", "3");

        Assert.True(refused.ExitCode == ExitCodes.Auth, refused.ToString());
        Assert.True(bad.ExitCode == ExitCodes.Usage, bad.ToString());
        Assert.Contains("--temperature", bad.Stderr);
    }
}
