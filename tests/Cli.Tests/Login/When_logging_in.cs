using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.Cli.Tests.Login;

public sealed class When_logging_in : IDisposable
{
    private readonly Apctl apctl = new(url: null, apiKey: null);

    public void Dispose() => apctl.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Should_store_url_and_key_readable_by_the_user_only()
    {
        var run = await apctl.RunAsync("login", "--url", "http://127.0.0.1:8080/", "--key", "apk_secret");

        Assert.Equal(0, run.ExitCode);
        var path = Path.Combine(apctl.Home, "xdg", "apctl", "config.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("http://127.0.0.1:8080", json.RootElement.GetProperty("url").GetString());
        Assert.Equal("apk_secret", json.RootElement.GetProperty("api_key").GetString());
    }

    [Fact]
    public void Should_fall_back_to_dot_config_without_xdg_config_home()
    {
        var environment = CliEnvironment.From(new Dictionary<string, string?>(), "/home/ada");

        Assert.Equal("/home/ada/.config/apctl/config.json", environment.ConfigFile);
    }

    [Fact]
    public async Task Should_let_environment_variables_override_the_stored_login()
    {
        await apctl.RunAsync("login", "--url", "http://stored.example", "--key", "apk_stored");
        var overridden = CliEnvironment.From(
            new Dictionary<string, string?>
            {
                ["XDG_CONFIG_HOME"] = Path.Combine(apctl.Home, "xdg"),
                ["APCTL_URL"] = "http://env.example",
                ["APCTL_API_KEY"] = "apk_env",
            },
            apctl.Home);

        Assert.Equal(new CliConfig("http://env.example", "apk_env"), CliConfig.Load(overridden));
        Assert.Equal(new CliConfig("http://stored.example", "apk_stored"), CliConfig.Load(apctl.Environment));
    }

    [Fact]
    public async Task Should_exit_2_for_a_url_that_is_not_http()
    {
        var run = await apctl.RunAsync("login", "--url", "ftp://example", "--key", "k");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--url", run.Stderr);
    }

    [Fact]
    public async Task Should_exit_4_when_not_logged_in()
    {
        var run = await apctl.RunAsync("versions", "ls", "user-1", "ada");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("Not logged in", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Should_send_the_key_as_a_bearer_token_on_every_request()
    {
        await using var server = await WebhookReceiver.StartAsync();
        using var client = new Apctl(server.BaseUrl, apiKey: "apk_bearer");

        // The receiver answers any POST with 204: enough to see what the requests carried.
        Assert.Equal(0, (await client.RunAsync("jobs", "cancel", Guid.Empty.ToString(), "--json")).ExitCode);
        Assert.Equal(0, (await client.RunAsync("versions", "restore", "user-1", "ada", "2", "--json")).ExitCode);

        var received = (await server.WaitForAsync($"/jobs/{Guid.Empty}/cancel")).Concat(await server.WaitForAsync("/adapters/user-1/ada/versions/2/restore"));
        Assert.All(received, r => Assert.Equal("Bearer apk_bearer", r.Headers["authorization"]));
    }
}
