using DipTrader.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDipTraderWeb(args);
var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseDipTraderWeb();
await app.RunAsync();

/// <summary>The web app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
