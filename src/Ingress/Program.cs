using AdapterPipeline.Ingress;

var builder = WebApplication.CreateBuilder(args);
builder.AddIngress();

var app = builder.Build();
app.UseIngress();
app.Run();

/// <summary>Entry point; public so integration tests can host the real application.</summary>
public partial class Program;
