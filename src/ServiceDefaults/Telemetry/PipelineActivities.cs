using System.Diagnostics;

namespace AdapterPipeline.ServiceDefaults.Telemetry;

/// <summary>The <c>AdapterPipeline</c> activity source, for work that no framework traces by itself.</summary>
public static class PipelineActivities
{
    public static readonly ActivitySource Source = new(TelemetryExtensions.SourceName);

    /// <summary>
    /// Starts <paramref name="name"/> as a child of a trace context stored earlier (a W3C <c>traceparent</c>), so that
    /// work picked up later from a table still belongs to the trace that asked for it.
    /// </summary>
    public static Activity? StartResumed(string name, ActivityKind kind, string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);
}
