using System.Globalization;
using System.Security.Claims;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// The notification channels (issue 17 §4, docs/decisions/0036-notifications-channels.md): the admin's channel store and API,
/// and one <see cref="IDeliverySender"/> per channel for the outbox.
/// </summary>
public static class ChannelSetup
{
    public static IHostApplicationBuilder AddNotificationChannels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ChannelSettings.Read(builder.Configuration));
        builder.Services.TryAddSingleton(NotificationPublicUrl.Read(builder.Configuration));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SelfAddresses>();
        builder.Services.AddSingleton<ChannelStore>();
        builder.Services.AddSingleton<ChannelTestSender>();
        builder.Services.AddSingleton<RobotRateLimiter>();
        // A timeout and nothing else: a retry here could post a message twice when the first POST arrived but its answer
        // was lost; the outbox retries with backoff instead and records each attempt.
        builder.Services.AddHttpClient(RobotSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<IDeliverySender, EmailSender>();
        builder.Services.AddSingleton<IDeliverySender, WeComSender>();
        builder.Services.AddSingleton<IDeliverySender, DingTalkSender>();
        builder.Services.AddSingleton<IDeliverySender, FeishuSender>();
        return builder;
    }

    /// <summary>
    /// Admin only: <c>GET /api/channels</c> (all, secrets masked), <c>POST /api/channels</c> (add), <c>PUT /api/channels/{id}</c>
    /// (change; 409 with <c>current</c> on a stale version), <c>POST /api/channels/{id}/test</c> (send a test message now).
    /// </summary>
    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/api/channels").WithTags("Notifications").RequireAuthorization(ApiPolicies.Admin);
        channels.MapGet("/", async (ChannelStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)));

        channels.MapPost("/", async (ChannelRequest r, ChannelStore store, CancellationToken ct) =>
        {
            var created = await store.CreateAsync(r, ct);
            return TypedResults.Created($"/api/channels/{created.Id}", created);
        }).Validate<ChannelRequest>();

        channels.MapPut("/{id:guid}", async Task<Results<Ok<ChannelView>, ProblemHttpResult, ValidationProblem>> (Guid id, ChannelRequest r, ChannelStore store, CancellationToken ct) =>
        {
            if (r.Version is null)
            {
                return Problems.Field("version", "'version' is required: send the version you read, so no one else's change is overwritten.");
            }

            var (channel, conflict) = await store.UpdateAsync(id, r, ct);
            return conflict
                ? TypedResults.Problem(title: "Conflict.", detail: Ui.ChannelChanged.Current, statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["current"] = channel })
                : TypedResults.Ok(channel);
        }).Validate<ChannelRequest>();

        channels.MapPost("/{id:guid}/test", async (Guid id, ClaimsPrincipal user, ChannelTestSender tests, CancellationToken ct) =>
            TypedResults.Ok(await tests.SendAsync(id, user.RequireActor().Id, CultureInfo.CurrentUICulture, ct)));
        return app;
    }
}

/// <summary>
/// "Send test message": one attempt through the channel's sender, now, outside the outbox (nothing is stored), to the admin
/// who asked (their address for email; the robot's group otherwise), in the admin's language.
/// </summary>
public sealed class ChannelTestSender(ChannelStore store, IEnumerable<IDeliverySender> senders, IDbContextFactory<PipelineDbContext> contexts,
    NotificationPublicUrl publicUrl, TimeProvider time)
{
    /// <exception cref="NotFoundException">No channel <paramref name="channelId"/>, or no person <paramref name="adminId"/>.</exception>
    public async Task<ChannelTestResult> SendAsync(Guid channelId, Guid adminId, CultureInfo culture, CancellationToken ct)
    {
        var channel = await store.GetAsync(channelId, ct);
        string email;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            email = await db.People.Where(p => p.Id == adminId).Select(p => p.Email).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException($"There is no person {adminId}.");
        }

        var subject = Ui.TestSubject.For(culture);
        var text = Ui.TestBody.For(culture);
        var link = publicUrl.Base;
        var message = new NotificationMessage(subject, $"{text}\n\n{link}",
            $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p><p><a href=\"{link}\">{link}</a></p>", text, link);
        var delivery = new Delivery(Guid.Empty, adminId, channel.Kind, channel.Id, channel.Kind == DeliveryChannel.Email ? email : null, time.GetUtcNow());
        var outcome = await senders.Single(s => s.Channel == channel.Kind).SendAsync(delivery, message, ct);
        return outcome switch
        {
            SendOutcome.Sent => new ChannelTestResult("sent", null),
            SendOutcome.RetryLater later => new ChannelTestResult("retryLater", later.Error),
            SendOutcome.Failed failed => new ChannelTestResult("failed", failed.Error),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }
}
