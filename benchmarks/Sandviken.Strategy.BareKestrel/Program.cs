// The yardstick for the public pages: Kestrel answering a fixed string, with nothing else in the pipeline.
// Started as its own process by the benchmark; the address comes from ASPNETCORE_URLS (for example http://127.0.0.1:5099).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "Hej från Kestrel");
app.Run();
