using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components;
using KeyAccountPipeline.Web.Infrastructure;
using KeyAccountPipeline.Web.Notifications;
using MudBlazor.Services;
using Serilog;

var builder = WebApplication.CreateBuilder(AppFolder.Options(args)).UseBuildOutputAssets();
builder.AddPipelineLogging();
builder.AddPipelineDatabase();
builder.AddPipelineCalendar();
builder.AddPipelineQueries();
builder.AddPipelineServices();
builder.AddNotificationEvents();
builder.AddPipelineApi();
builder.AddApiCompression();
builder.AddPipelineAuth();
builder.AddPipelineRateLimits();
builder.AddPipelineSecurity();
builder.AddPipelineForwardedHeaders();
builder.AddNotificationInbox();
builder.AddNotificationOutbox();
builder.AddNotificationChannels();
builder.AddNotificationDigest();
builder.AddPipelineTelemetry();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.AddPipelineCircuits();
// Snackbars at the bottom: on a phone the top is where the page's heading (the customer's name) is.
builder.Services.AddMudServices(config => config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);

var app = builder.Build();
if (args is [CreateAdminCommand.Name, ..])
{
    return await CreateAdminCommand.RunAsync(app, args);
}

app.UsePipelineForwardedHeaders();
app.UseSecurityHeaders();
app.UseSameOriginCircuits();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    // Not under /api: a redirect there would come after the bearer token went out in clear, and /api never redirects.
    app.UseWhen(context => !ApiStatusCodes.IsApi(context.Request.Path), pages => pages.UseHttpsRedirection());
}

// Request logging outside the exception handler, so a refused request is logged with the status it answered.
app.UseSerilogRequestLogging();
app.UseApiCompression();
app.UseExceptionHandler();
app.UseApiStatusCodes();
app.UseNotFoundPage();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
// After authorization, which signs in an API endpoint's bearer token: the API's limit counts per person.
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapPipelineApi();
app.MapPipelineTelemetry();
app.MapCultureSwitch();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
