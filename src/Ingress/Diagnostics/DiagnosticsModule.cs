using AdapterPipeline.Contracts.Diagnostics;
using Carter;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Diagnostics;

/// <summary>Checks that every service is reachable over the bus.</summary>
public sealed class DiagnosticsModule : ICarterModule
{
    /// <summary>The services that must answer a ping for the system to be complete.</summary>
    public static readonly string[] Services = ["metadata-service", "webhook-service", "training-worker", "packaging-worker"];

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/diagnostics").WithTags("Diagnostics");
        group.MapPost("/ping", Ping)
            .WithSummary("Publishes a ping on the bus and lists the services that answered within the wait.");
    }

    /// <summary>Query of the ping: how long to wait for answers, in milliseconds.</summary>
    public sealed record PingQuery([FromQuery(Name = "wait_ms")] int? WaitMs);

    public sealed record PingResult(Guid PingId, IReadOnlyList<PingAnswered> Answers, IReadOnlyList<string> Missing);

    private static async Task<Results<Ok<PingResult>, JsonHttpResult<PingResult>, ValidationProblem>> Ping(
        IPublishEndpoint publish, PingAnswers answers, [AsParameters] PingQuery query, CancellationToken ct)
    {
        var wait = query.WaitMs ?? 5000;
        if (wait is < 100 or > 60_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["wait_ms"] = ["must be between 100 and 60000"] });
        }

        var pingId = NewId.NextGuid();
        var reader = answers.Listen(pingId);
        var received = new List<PingAnswered>();
        try
        {
            await publish.Publish(new PingRequested(pingId, DateTimeOffset.UtcNow), ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(wait);
            while (Missing(received).Count > 0)
            {
                received.Add(await reader.ReadAsync(timeout.Token));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Waited long enough; report who is missing.
        }
        finally
        {
            answers.Forget(pingId);
        }

        var result = new PingResult(pingId, received, Missing(received));
        return result.Missing.Count == 0
            ? TypedResults.Ok(result)
            : TypedResults.Json(result, statusCode: StatusCodes.Status504GatewayTimeout);
    }

    private static List<string> Missing(List<PingAnswered> received) =>
        Services.Except(received.Select(a => a.Service)).ToList();
}
