using System.Text.Json;
using AdapterPipeline.SystemTests;

namespace AdapterPipeline.Cli.Tests.Pipeline;

/// <summary>Refusals print the problem's title and field errors on stderr and exit with a code that says what went wrong.</summary>
[Collection(PipelineCollection.Name)]
public sealed class When_input_is_bad(SystemTests.Pipeline pipeline) : IDisposable
{
    private readonly Apctl apctl = new(pipeline.Http.BaseAddress);
    private readonly string user = "user-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => apctl.Dispose();

    [Fact]
    public async Task Should_exit_3_with_the_problem_title_for_an_unknown_avatar()
    {
        using var direct = await pipeline.Http.GetAsync($"/adapters/{user}/no-such-avatar/versions");
        using var problem = JsonDocument.Parse(await direct.Content.ReadAsStringAsync());

        var run = await apctl.RunAsync("versions", "ls", user, "no-such-avatar");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(problem.RootElement.GetProperty("title").GetString()!, run.Stderr);
        Assert.Contains("avatar_id", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Should_leave_stdout_empty_with_json_when_refused()
    {
        var run = await apctl.RunAsync("jobs", "show", Guid.NewGuid().ToString(), "--json");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("job_id", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Should_exit_1_naming_the_field_for_a_bad_id()
    {
        var run = await apctl.RunAsync("files", "ls", "not a valid id!", "ada");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("One or more fields are invalid.", run.Stderr);
        Assert.Contains("user_id", run.Stderr);
    }

    [Fact]
    public async Task Should_exit_1_naming_url_for_a_refused_callback()
    {
        var run = await apctl.RunAsync("webhooks", "create", user, "http://10.0.0.1/hooks");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unprocessable.", run.Stderr);
        Assert.Contains("url:", run.Stderr);
    }

    [Fact]
    public async Task Should_exit_1_naming_files_when_nothing_is_flagged_for_training()
    {
        var run = await apctl.RunAsync("train", user, "ada");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("files", run.Stderr);
    }

    [Fact]
    public async Task Should_exit_2_for_a_missing_argument_or_an_unknown_option()
    {
        Assert.Equal(2, (await apctl.RunAsync("versions", "ls", user)).ExitCode);
        Assert.Equal(2, (await apctl.RunAsync("train", user, "ada", "--epochz", "3")).ExitCode);
        Assert.Equal(2, (await apctl.RunAsync("files", "upload", user, "ada", "/no/such/folder")).ExitCode);
    }
}
