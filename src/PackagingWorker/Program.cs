using AdapterPipeline.PackagingWorker;
using AdapterPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

// A worker, with a small HTTP endpoint for its health probes and /metrics (port: docs/configuration.md).
var builder = WebApplication.CreateBuilder(args);
builder.AddPackagingWorker();
builder.ListenByDefaultOn("http://127.0.0.1:8084");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
