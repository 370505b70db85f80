using KeyAccountPipeline.Web.Components;
using KeyAccountPipeline.Web.Infrastructure;
using MudBlazor.Services;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.AddPipelineLogging();
builder.AddPipelineDatabase();
builder.AddPipelineApi();
builder.AddPipelineSecurity();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

var app = builder.Build();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseExceptionHandler();
app.UseSerilogRequestLogging();
app.UseRequestLocalization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapPipelineApi();
app.MapCultureSwitch();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
