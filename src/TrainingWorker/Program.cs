using AdapterPipeline.TrainingWorker;
using AdapterPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

// A worker, with a small HTTP endpoint for its health probes and /metrics (port: docs/configuration.md).
var builder = WebApplication.CreateBuilder(args);
builder.AddTrainingWorker();
builder.ListenByDefaultOn("http://127.0.0.1:8083");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
