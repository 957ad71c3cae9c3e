using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.MetadataService;
using AdapterPipeline.PackagingWorker;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker;
using AdapterPipeline.WebhookService;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.SystemTests.Diagnostics;

public sealed class When_the_system_is_running(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>, IAsyncLifetime
{
    private readonly List<IHost> workers = [];
    private IngressServer ingress = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        workers.Add(await ServiceHost.StartAsync(infrastructure, b => b.AddMetadataService()));
        workers.Add(await ServiceHost.StartAsync(infrastructure, b => b.AddWebhookService()));
        workers.Add(await ServiceHost.StartAsync(infrastructure, b => b.AddTrainingWorker()));
        workers.Add(await ServiceHost.StartAsync(infrastructure, b => b.AddPackagingWorker()));
        ingress = new IngressServer(infrastructure);
        ingress.StartServer();
        http = ingress.CreateClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await ingress.DisposeAsync();
        foreach (var worker in workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }
    }

    [Fact]
    public async Task Should_be_served_over_real_http()
    {
        Assert.NotEqual("localhost", http.BaseAddress!.Host);
        Assert.NotEqual(80, http.BaseAddress.Port);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Should_report_ready_with_each_dependency_checked()
    {
        // The bus check turns healthy once the ingress's bus has connected, which may be just after start-up.
        await Eventually.True(async () =>
        {
            using var response = await http.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60), "the ingress reporting ready");
        using var ready = await http.GetAsync("/health/ready");
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        // The ingress keeps nothing in PostgreSQL, so its readiness does not wait for it.
        Assert.False(checks.ContainsKey("postgres"));
        foreach (var name in new[] { "rabbitmq", "s3" })
        {
            Assert.Equal("Healthy", checks[name].GetProperty("status").GetString());
            Assert.True(checks[name].GetProperty("duration_ms").GetDouble() >= 0);
        }
    }

    [Fact]
    public async Task Should_reach_every_worker_over_the_bus()
    {
        using var response = await http.PostAsync("/diagnostics/ping?wait_ms=15000", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = body.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("service").GetString()!);
        Assert.Equal(["metadata-service", "packaging-worker", "training-worker", "webhook-service"], answers.Keys.Order());
        Assert.Empty(body.GetProperty("missing").EnumerateArray());
        Assert.StartsWith("device=cpu", answers["training-worker"].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Should_serve_the_openapi_document_and_the_reference()
    {
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/diagnostics/ping", out _));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/docs")).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_an_out_of_range_wait_with_a_problem_naming_the_field()
    {
        using var response = await http.PostAsync("/diagnostics/ping?wait_ms=5", null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("wait_ms", out _));
    }
}
