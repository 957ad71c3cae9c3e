using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.SystemTests;

/// <summary>Reads a queue of the test's virtual host through RabbitMQ's management API.</summary>
public static class BrokerQueues
{
    /// <summary>Messages in <paramref name="queue"/>; -1 while the queue does not exist.</summary>
    public static async Task<long> MessagesInAsync(SystemFixture system, string queue)
    {
        var endpoints = system.Infrastructure.Endpoints;
        using var management = new HttpClient { BaseAddress = endpoints.RabbitManagementUrl };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{endpoints.RabbitUsername}:{endpoints.RabbitPassword}")));
        using var response = await management.GetAsync($"api/queues/{system.Infrastructure.Name}/{queue}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return -1;
        }
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // The management API's counters lag a few seconds behind the queue.
        return body.RootElement.TryGetProperty("messages", out var messages) ? messages.GetInt64() : 0;
    }
}
