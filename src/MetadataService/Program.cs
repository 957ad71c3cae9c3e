using AdapterPipeline.MetadataService;
using AdapterPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

// A worker, with a small HTTP endpoint for its health probes and /metrics (port: docs/configuration.md).
var builder = WebApplication.CreateBuilder(args);
builder.AddMetadataService();
builder.ListenByDefaultOn("http://127.0.0.1:8081");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
