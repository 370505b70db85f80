using KeyAccountPipeline.Web.Tests.Infrastructure;
using MimeKit;

namespace KeyAccountPipeline.Web.Tests.Notifications;

/// <summary>
/// Issue 17 from one end to the other, with every real part and no stand-in: a manager records a regression on a rep's deal
/// through the API; the event is recorded with the change, the rep's bell counts it, the dispatcher plans and sends it, and a
/// real SMTP server and a local WeCom robot receiver get it in the rep's chosen language with the deal's absolute link.
/// Once on SQLite and once on PostgreSQL, each on a database of its own (one mail server per database).
/// </summary>
public abstract class EndToEndTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Fact]
    public async Task ARegressionByTheManagerReachesTheRepsBellMailboxAndGroupInTheRepsLanguage()
    {
        await using var smtp = new LoopbackSmtpServer("mailer@test.cn", "smtp-pass-2026");
        await using var robot = await RobotReceiver.StartAsync();
        var admin = app.ClientFor(app.Admin);
        await admin.PostOkAsync("/api/channels", new
        {
            kind = "email", name = "Mail server", enabled = true, everyone = true, host = "127.0.0.1", port = smtp.Port, tls = "none",
            account = "mailer@test.cn", password = "smtp-pass-2026", sender = "notify@test.cn",
        });
        await admin.PostOkAsync("/api/channels", new
        {
            kind = "weCom", name = "East sales group", enabled = true, everyone = true,
            webhookUrl = new Uri(robot.BaseUrl, "/cgi-bin/webhook/send?key=e2e-0001").AbsoluteUri,
        });
        var rep = app.ClientFor(app.Rep);
        await app.SetEmailConfirmedAsync(app.Rep, confirmed: true);
        var settings = await rep.GetJsonAsync("/api/me/notification-settings");
        await rep.SendOkAsync(HttpMethod.Put, "/api/me/notification-settings", new { language = "zh-CN", version = settings["version"]!.GetValue<int>() });

        var manager = app.ClientFor(app.Manager);
        var customer = $"端到端冷链 {Guid.NewGuid():N}"[..16];
        var deal = (await rep.PostOkAsync("/api/deals", app.NewDealBody(customer)))["id"]!.GetValue<Guid>();
        await RecordAsync(rep, deal, 4, "The COO accepts our solution");
        await RecordAsync(manager, deal, 2, "The COO left the company");

        // The bell: one unread for the rep, in the language the request asks for.
        var bell = await rep.GetJsonAsync("/api/notifications?unread=true");
        Assert.Equal(1, bell["unread"]!.GetValue<int>());

        while ((await app.Dispatcher().RunOnceAsync()).DidWork)
        {
        }

        var link = $"http://localhost:5000/deals/{deal:D}";
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(app.Rep.Email, Assert.IsType<MailboxAddress>(Assert.Single(mail.To)).Address);
        Assert.Contains(customer, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("权力", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("4 → 2", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", mail.HtmlBody, StringComparison.Ordinal);

        var message = Assert.Single(robot.Requests);
        Assert.Equal("/cgi-bin/webhook/send", message.Path);
        Assert.Equal("markdown", message.Body["msgtype"]!.GetValue<string>());
        var markdown = message.Body["markdown"]!["content"]!.GetValue<string>();
        Assert.Contains($"[打开商机]({link})", markdown, StringComparison.Ordinal);
        Assert.Contains("The COO left the company", markdown, StringComparison.Ordinal);

        // The delivery log says both were sent; running the dispatcher again sends nothing twice.
        var log = await admin.GetJsonAsync("/api/deliveries");
        var mine = log["items"]!.AsArray().Where(d => d!["dealId"]?.GetValue<Guid>() == deal).ToList();
        Assert.Equal(["email:sent", "weCom:sent"], mine.Select(d => $"{d!["channel"]}:{d["status"]}").Order().ToArray());
        Assert.False((await app.Dispatcher().RunOnceAsync()).DidWork);
        Assert.Single(smtp.Messages);
        Assert.Single(robot.Requests);
    }

    private async Task RecordAsync(HttpClient client, Guid deal, int level, string note)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var version = (await client.GetJsonAsync($"/api/deals/{deal}"))["card"]!["version"]!.GetValue<int>();
        await client.PostOkAsync($"/api/deals/{deal}/checkpoints", new { factor = "power", level, note, version });
    }
}

/// <summary>A SQLite app of the end-to-end test's own.</summary>
public sealed class EndToEndSqliteApp : SqliteApp;

/// <summary>A PostgreSQL app of the end-to-end test's own.</summary>
public sealed class EndToEndPostgresApp : PostgresApp;

public sealed class SqliteEndToEndTests(EndToEndSqliteApp app) : EndToEndTests<EndToEndSqliteApp>(app);

public sealed class PostgresEndToEndTests(EndToEndPostgresApp app) : EndToEndTests<EndToEndPostgresApp>(app);
