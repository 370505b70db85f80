using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace KeyAccountPipeline.Web.Tests.Notifications;

/// <summary>
/// The channels of issue 17 §4 against real servers: email through a real SMTP server on loopback, the WeCom, DingTalk and
/// Feishu robots through a local HTTP receiver that checks each platform's JSON and signature; rate limits and a receiver
/// that is down; the admin API's bad inputs, masking and stale versions. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class ChannelTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private static readonly Uri DealLink = new("http://localhost:5000/deals/3f9a");
    private readonly HttpClient _admin = app.ClientFor(app.Admin);

    [Fact]
    public async Task AnEmailArrivesWithItsTextAndHtmlPartsInThePersonsLanguageAndItsLink()
    {
        await using var smtp = new LoopbackSmtpServer("mailer@test.cn", "smtp-pass-2026");
        var channel = await EmailChannelAsync(smtp.Port, "smtp-pass-2026");
        var message = new NotificationMessage(
            "你的商机被回退：华东冷链", $"王磊 把 需求 从 3 调回 2。\n打开商机：{DealLink}",
            $"<p>王磊 把 <b>需求</b> 从 3 调回 2。</p><p><a href=\"{DealLink}\">打开商机</a></p>", "王磊 把 需求 从 3 调回 2。", DealLink);

        var outcome = await Sender(DeliveryChannel.Email).SendAsync(EmailDelivery(channel, app.Rep.Email), message, CancellationToken.None);

        Assert.IsType<SendOutcome.Sent>(outcome);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("你的商机被回退：华东冷链", mail.Subject);
        Assert.Equal("notify@test.cn", Assert.IsType<MailboxAddress>(Assert.Single(mail.From)).Address);
        Assert.Equal(app.Rep.Email, Assert.IsType<MailboxAddress>(Assert.Single(mail.To)).Address);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType).ToArray());
        Assert.Contains("从 3 调回 2", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(DealLink.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{DealLink}\">打开商机</a>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongSmtpPasswordFailsAndAServerThatIsDownIsRetriedLater()
    {
        await using var smtp = new LoopbackSmtpServer("mailer@test.cn", "the-right-one");
        var channel = await EmailChannelAsync(smtp.Port, "not-the-right-one");
        var message = new NotificationMessage("Subject", "Text", "<p>Html</p>", "Markdown", DealLink);

        var refused = await Sender(DeliveryChannel.Email).SendAsync(EmailDelivery(channel, app.Rep.Email), message, CancellationToken.None);

        Assert.Contains("refused the account", Assert.IsType<SendOutcome.Failed>(refused).Error, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);

        var down = await EmailChannelAsync(LoopbackSmtpServer.FreePort(), "any-password");
        var later = await Sender(DeliveryChannel.Email).SendAsync(EmailDelivery(down, app.Rep.Email), message, CancellationToken.None);

        Assert.Contains("could not be reached", Assert.IsType<SendOutcome.RetryLater>(later).Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task EachRobotGetsItsPlatformsJsonAndAValidSignature()
    {
        await using var receiver = await RobotReceiver.StartAsync();
        var weCom = await RobotAsync("weCom", new Uri(receiver.BaseUrl, "/cgi-bin/webhook/send?key=wecom-key-0001"), null);
        var dingTalk = await RobotAsync("dingTalk", new Uri(receiver.BaseUrl, "/robot/send?access_token=dingtalk-token-3f9a"), "SECdingtalk-secret");
        var feishu = await RobotAsync("feishu", new Uri(receiver.BaseUrl, "/open-apis/bot/v2/hook/0b9c3e4f-aaaa-bbbb-cccc-feishu000001"), "feishu-secret");
        var message = new NotificationMessage("Your deal regressed: East China cold chain", "Text", "<p>Html</p>",
            "Wang Lei moved **Need** from 3 back to 2.", DealLink);

        foreach (var (channel, kind) in new[] { (weCom, DeliveryChannel.WeCom), (dingTalk, DeliveryChannel.DingTalk), (feishu, DeliveryChannel.Feishu) })
        {
            Assert.IsType<SendOutcome.Sent>(await Sender(kind).SendAsync(RobotDelivery(channel, kind), message, CancellationToken.None));
        }

        var requests = receiver.Requests.ToDictionary(r => r.Path);
        var weComBody = requests["/cgi-bin/webhook/send"].Body;
        Assert.Equal("wecom-key-0001", requests["/cgi-bin/webhook/send"].Query["key"].ToString());
        Assert.Equal("markdown", weComBody["msgtype"]!.GetValue<string>());
        var weComText = weComBody["markdown"]!["content"]!.GetValue<string>();
        Assert.Contains("Wang Lei moved **Need** from 3 back to 2.", weComText, StringComparison.Ordinal);
        Assert.Contains(DealLink.AbsoluteUri, weComText, StringComparison.Ordinal);

        var ding = requests["/robot/send"];
        Assert.Equal("dingtalk-token-3f9a", ding.Query["access_token"].ToString());
        var timestamp = ding.Query["timestamp"].ToString();
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), timestamp);
        // The receiver's framework has URL-decoded the query once, as DingTalk does before it compares.
        Assert.Equal(Hmac("SECdingtalk-secret", $"{timestamp}\nSECdingtalk-secret"), ding.Query["sign"].ToString());
        Assert.Equal("markdown", ding.Body["msgtype"]!.GetValue<string>());
        Assert.Equal(message.Subject, ding.Body["markdown"]!["title"]!.GetValue<string>());
        Assert.Contains("from 3 back to 2", ding.Body["markdown"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var fei = requests["/open-apis/bot/v2/hook/0b9c3e4f-aaaa-bbbb-cccc-feishu000001"].Body;
        var seconds = fei["timestamp"]!.GetValue<string>();
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), seconds);
        Assert.Equal(Hmac($"{seconds}\nfeishu-secret", string.Empty), fei["sign"]!.GetValue<string>());
        Assert.Equal("interactive", fei["msg_type"]!.GetValue<string>());
        Assert.Equal(message.Subject, fei["card"]!["header"]!["title"]!["content"]!.GetValue<string>());
        var element = Assert.Single(fei["card"]!["elements"]!.AsArray())!;
        Assert.Equal("markdown", element["tag"]!.GetValue<string>());
        Assert.Contains(DealLink.AbsoluteUri, element["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weCom", """{"errcode":45009,"errmsg":"api freq out of limit"}""", true)]
    [InlineData("dingTalk", """{"errcode":130101,"errmsg":"send too fast"}""", true)]
    [InlineData("dingTalk", """{"errcode":660026,"errmsg":"rate limited"}""", true)]
    [InlineData("feishu", """{"code":11232,"msg":"frequency limited","data":{}}""", true)]
    [InlineData("feishu", """{"code":9499,"msg":"Bad Request","data":{}}""", true)]
    [InlineData("weCom", """{"errcode":93000,"errmsg":"invalid webhook url"}""", false)]
    [InlineData("dingTalk", """{"errcode":310000,"errmsg":"sign not match"}""", false)]
    [InlineData("feishu", """{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}""", false)]
    public async Task AnErrorInTheRobotsHttp200BodyIsReadRateLimitsLaterOthersFailed(string kind, string answer, bool retry)
    {
        await using var receiver = await RobotReceiver.StartAsync();
        var path = $"/hook/{Guid.NewGuid():N}";
        receiver.Answer[path] = answer;
        var channel = await RobotAsync(kind, new Uri(receiver.BaseUrl, path + "?access_token=tok"), "the-secret");
        var channelKind = Enum.Parse<DeliveryChannel>(kind, ignoreCase: true);

        var outcome = await Sender(channelKind).SendAsync(RobotDelivery(channel, channelKind),
            new NotificationMessage("Subject", "Text", "<p>Html</p>", "Markdown", DealLink), CancellationToken.None);

        var code = JsonNode.Parse(answer)!["errcode"] ?? JsonNode.Parse(answer)!["code"];
        var error = retry ? Assert.IsType<SendOutcome.RetryLater>(outcome).Error : Assert.IsType<SendOutcome.Failed>(outcome).Error;
        Assert.Contains($"error {code}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("tok", error, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ARobotThatIsDownIsRetriedLaterWithTheErrorAndTheAppStaysHealthy()
    {
        var url = $"http://127.0.0.1:{LoopbackSmtpServer.FreePort()}/cgi-bin/webhook/send?key=down-key-7c1d";
        var channel = await RobotAsync("weCom", new Uri(url), null);

        var outcome = await Sender(DeliveryChannel.WeCom).SendAsync(RobotDelivery(channel, DeliveryChannel.WeCom),
            new NotificationMessage("Subject", "Text", "<p>Html</p>", "Markdown", DealLink), CancellationToken.None);

        var error = Assert.IsType<SendOutcome.RetryLater>(outcome).Error;
        Assert.Contains("could not be reached", error, StringComparison.Ordinal);
        Assert.DoesNotContain("down-key", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/channels")).StatusCode);
    }

    [Fact]
    public async Task ADisabledRobotFailsWithoutPosting()
    {
        await using var receiver = await RobotReceiver.StartAsync();
        var channel = await RobotAsync("weCom", new Uri(receiver.BaseUrl, "/disabled?key=k"), null);
        await _admin.SendOkAsync(HttpMethod.Put, $"/api/channels/{channel["id"]}", RobotBody("weCom", null, null, version: 1, enabled: false));

        var outcome = await Sender(DeliveryChannel.WeCom).SendAsync(RobotDelivery(channel, DeliveryChannel.WeCom),
            new NotificationMessage("Subject", "Text", "<p>Html</p>", "Markdown", DealLink), CancellationToken.None);

        Assert.Contains("removed or disabled", Assert.IsType<SendOutcome.Failed>(outcome).Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task SecretsThatCannotBeReadLeaveTheListAnsweringAndTheRobotFailingWithTheReason()
    {
        var channel = await RobotAsync("weCom", new Uri("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=lost-keys-0001"), null);
        var id = channel["id"]!.GetValue<Guid>();
        await app.QueryAsync(db => db.Channels.Where(c => c.Id == id).ExecuteUpdateAsync(c => c.SetProperty(r => r.ProtectedSecrets, "CfDJ8-damaged")));

        var listed = (await _admin.GetJsonAsync("/api/channels")).AsArray().Single(c => c!["id"]!.GetValue<Guid>() == id)!;
        var outcome = await Sender(DeliveryChannel.WeCom).SendAsync(RobotDelivery(channel, DeliveryChannel.WeCom),
            new NotificationMessage("Subject", "Text", "<p>Html</p>", "Markdown", DealLink), CancellationToken.None);

        Assert.Null(listed["webhookUrl"]);
        Assert.Contains("cannot be read", Assert.IsType<SendOutcome.Failed>(outcome).Error, StringComparison.Ordinal);
    }

    public static TheoryData<string, object, string> BadInputs() => new()
    {
        { "a webhook that is not http(s)", RobotBody("weCom", "ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", null), "webhookUrl" },
        { "a relative webhook", RobotBody("weCom", "/cgi-bin/webhook/send?key=k", null), "webhookUrl" },
        { "a webhook at this app's own address", RobotBody("weCom", "http://localhost/api/channels", null), "webhookUrl" },
        { "a webhook at this app's public URL", RobotBody("dingTalk", "http://localhost:5000/api/board?access_token=x", "SECok"), "webhookUrl" },
        { "a webhook at the app's loopback port", RobotBody("feishu", "http://127.0.0.1:5000/hook", "ok"), "webhookUrl" },
        { "a secret with spaces", RobotBody("dingTalk", "https://oapi.dingtalk.com/robot/send?access_token=x", "SEC abc"), "secret" },
        { "a DingTalk robot without its secret", RobotBody("dingTalk", "https://oapi.dingtalk.com/robot/send?access_token=x", null), "secret" },
        { "a robot without a webhook", RobotBody("feishu", null, "ok"), "webhookUrl" },
        { "an SMTP account with its password empty", EmailBody(25, "mailer@test.cn", "", "notify@test.cn"), "password" },
        { "an SMTP port of 0", EmailBody(0, null, null, "notify@test.cn"), "port" },
        { "an SMTP port of 65536", EmailBody(65536, null, null, "notify@test.cn"), "port" },
        { "a sender that is not an email address", EmailBody(25, null, null, "notify at test"), "sender" },
        { "an unknown kind", new { kind = "telegram", name = "x", enabled = true, everyone = true }, "kind" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadChannelInputIsRefusedNamingTheFieldAndNothingIsWritten(string why, object body, string field)
    {
        var before = await app.QueryAsync(db => db.Channels.CountAsync());

        var response = await _admin.PostAsJsonAsync("/api/channels", body);

        await response.AssertFieldErrorAsync(field);
        Assert.True(before == await app.QueryAsync(db => db.Channels.CountAsync()), why);
    }

    [Fact]
    public async Task AnEmptySecretKeepsTheStoredOneWhichIsShownMaskedAndStoredProtected()
    {
        await using var receiver = await RobotReceiver.StartAsync();
        var channel = await RobotAsync("dingTalk", new Uri(receiver.BaseUrl, "/robot/send?access_token=0123456789abcdef3f9a"), "SECkept-secret");
        var id = channel["id"]!.GetValue<Guid>();

        Assert.Equal($"{receiver.BaseUrl.AbsoluteUri}robot/send?access_token=••••3f9a", channel["webhookUrl"]!.GetValue<string>());
        Assert.True(channel["hasSecret"]!.GetValue<bool>());
        Assert.Null(channel["secret"]);
        var listed = await _admin.GetJsonAsync("/api/channels");
        Assert.DoesNotContain("0123456789abcdef", listed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("kept-secret", listed.ToJsonString(), StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.Channels.SingleAsync(c => c.Id == id));
        Assert.DoesNotContain("0123456789abcdef", stored.ProtectedSecrets, StringComparison.Ordinal);
        Assert.DoesNotContain("kept-secret", stored.ProtectedSecrets + stored.Settings, StringComparison.Ordinal);

        var renamed = await _admin.SendOkAsync(HttpMethod.Put, $"/api/channels/{id}", RobotBody("dingTalk", "", "", version: 1, name: "华东大客户群"));

        Assert.Equal("华东大客户群", renamed["name"]!.GetValue<string>());
        Assert.Equal(2, renamed["version"]!.GetValue<int>());
        Assert.Equal(channel["webhookUrl"]!.GetValue<string>(), renamed["webhookUrl"]!.GetValue<string>());
        Assert.IsType<SendOutcome.Sent>(await Sender(DeliveryChannel.DingTalk).SendAsync(RobotDelivery(channel, DeliveryChannel.DingTalk),
            new NotificationMessage("Subject", "Text", "<p>Html</p>", "Markdown", DealLink), CancellationToken.None));
        var ding = Assert.Single(receiver.Requests);
        Assert.Equal(Hmac("SECkept-secret", $"{ding.Query["timestamp"]}\nSECkept-secret"), ding.Query["sign"].ToString());
    }

    [Fact]
    public async Task AStaleVersionIsAConflictWithTheCurrentValuesAndNothingWritten()
    {
        var channel = await RobotAsync("weCom", new Uri("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=stale-0001"), null);
        var id = channel["id"]!.GetValue<Guid>();
        await _admin.SendOkAsync(HttpMethod.Put, $"/api/channels/{id}", RobotBody("weCom", null, null, version: 1, name: "First edit"));

        var stale = await _admin.PutAsJsonAsync($"/api/channels/{id}", RobotBody("weCom", null, null, version: 1, name: "Second edit"));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var current = (await stale.ReadJsonAsync())["current"]!;
        Assert.Equal("First edit", current["name"]!.GetValue<string>());
        Assert.Equal(2, current["version"]!.GetValue<int>());
        Assert.Equal("First edit", (await app.QueryAsync(db => db.Channels.SingleAsync(c => c.Id == id))).Name);
    }

    [Fact]
    public async Task ABurstToOneRobotWaitsForItsTurnInsteadOfBeingRefused()
    {
        using var limiter = new RobotRateLimiter(new ChannelSettings(RobotsPerMinute: 2));
        var robot = Guid.NewGuid();

        Assert.True(await limiter.WaitAsync(robot, CancellationToken.None));
        Assert.True(await limiter.WaitAsync(robot, CancellationToken.None));
        var third = limiter.WaitAsync(robot, CancellationToken.None);
        var other = limiter.WaitAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.True(await other);
        Assert.NotSame(third, await Task.WhenAny(third, Task.Delay(TimeSpan.FromMilliseconds(500))));
    }

    [Theory]
    [InlineData("en", "Notification channels", "Send test message")]
    [InlineData("zh-CN", "通知渠道", "发送测试消息")]
    public async Task TheAdminsChannelsPageListsEachChannelMaskedInTheReadersLanguage(string language, string title, string testButton)
    {
        var channel = await RobotAsync("feishu", new Uri("https://open.feishu.cn/open-apis/bot/v2/hook/0b9c3e4f-page-test-token-00007d2e"), "page-secret");
        var browser = await SignInForm.BrowserAsync(app, app.Admin);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/channels"));

        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(testButton, html, StringComparison.Ordinal);
        Assert.Contains(channel["name"]!.GetValue<string>(), html, StringComparison.Ordinal);
        Assert.Contains("https://open.feishu.cn/open-apis/bot/v2/hook/••••7d2e", html, StringComparison.Ordinal);
        Assert.DoesNotContain("page-test-token", html, StringComparison.Ordinal);
        Assert.DoesNotContain("page-secret", html, StringComparison.Ordinal);
    }

    private IDeliverySender Sender(DeliveryChannel channel) =>
        app.Services.GetServices<IDeliverySender>().Single(s => s.Channel == channel);

    private Delivery EmailDelivery(JsonNode channel, string address) =>
        new(Guid.NewGuid(), app.Rep.Id, DeliveryChannel.Email, channel["id"]!.GetValue<Guid>(), address, app.Clock.GetUtcNow());

    private Delivery RobotDelivery(JsonNode channel, DeliveryChannel kind) =>
        new(Guid.NewGuid(), app.Rep.Id, kind, channel["id"]!.GetValue<Guid>(), null, app.Clock.GetUtcNow());

    private Task<JsonNode> RobotAsync(string kind, Uri url, string? secret) =>
        _admin.PostOkAsync("/api/channels", RobotBody(kind, url.AbsoluteUri, secret));

    /// <summary>The one mail server: added the first time, changed after (a second one is refused).</summary>
    private async Task<JsonNode> EmailChannelAsync(int port, string password)
    {
        var existing = (await _admin.GetJsonAsync("/api/channels")).AsArray().FirstOrDefault(c => c!["kind"]!.GetValue<string>() == "email");
        var body = EmailBody(port, "mailer@test.cn", password, "notify@test.cn", existing?["version"]!.GetValue<int>());
        return existing is null
            ? await _admin.PostOkAsync("/api/channels", body)
            : await _admin.SendOkAsync(HttpMethod.Put, $"/api/channels/{existing["id"]}", body);
    }

    private static object RobotBody(string kind, string? url, string? secret, int? version = null, string? name = null, bool enabled = true) => new
    {
        kind, name = name ?? $"{kind} group", enabled, everyone = true, webhookUrl = url, secret, version,
    };

    private static object EmailBody(int port, string? account, string? password, string sender, int? version = null) => new
    {
        kind = "email", name = "Mail server", enabled = true, everyone = true, host = "127.0.0.1", port, tls = "none", account, password, sender, version,
    };

    private static string Hmac(string key, string data) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));
}

public sealed class SqliteChannelTests(SqliteApp app) : ChannelTests<SqliteApp>(app);

public sealed class PostgresChannelTests(PostgresApp app) : ChannelTests<PostgresApp>(app);
