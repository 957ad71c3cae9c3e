using AdapterPipeline.InferenceWorker;

var builder = WebApplication.CreateBuilder(args);
builder.AddInferenceWorker();

var app = builder.Build();
app.UseInferenceWorker();
app.Run();
