using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// One sliding-window limiter per robot (<c>Notifications:Robots:PerMinute</c>, default 20: WeCom, DingTalk and Feishu each
/// refuse a robot's 21st message within a minute). A burst waits for its turn, for at most <see cref="MaxWait"/>; longer, and the
/// delivery is handed back to the outbox to try later, so a claimed row is never held past its lease.
/// </summary>
public sealed class RobotRateLimiter : IDisposable
{
    /// <summary>How long one send waits for its robot's turn before it answers RetryLater.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly PartitionedRateLimiter<Guid> _limiter;
    private readonly TimeSpan _window = TimeSpan.FromMinutes(1);

    public RobotRateLimiter(ChannelSettings settings)
    {
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(robot => RateLimitPartition.GetSlidingWindowLimiter(robot, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.RobotsPerMinute,
            Window = _window,
            SegmentsPerWindow = 12,
            QueueLimit = 1000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }

    /// <summary>Waits for <paramref name="robot"/>'s turn; false when it did not come within <see cref="MaxWait"/>.</summary>
    public async Task<bool> WaitAsync(Guid robot, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(MaxWait);
        try
        {
            using var lease = await _limiter.AcquireAsync(robot, 1, timeout.Token);
            return lease.IsAcquired;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// What the three group robots share: find the robot's channel, wait for its turn, POST the platform's JSON to its webhook,
/// and read the answer. Network failures, timeouts, HTTP 408/429/5xx and the platform's rate-limit and busy codes are
/// RetryLater; any other refusal is Failed. The platforms answer errors with HTTP 200 and a code in the body, so the body is
/// always read. Errors name the platform and its code and message, never the webhook URL (its token is the secret).
/// </summary>
public abstract class RobotSender(ChannelStore channels, RobotRateLimiter limiter, IHttpClientFactory clients, TimeProvider time) : IDeliverySender
{
    /// <summary>The named client for the robots: a timeout, and no retry handler (a POST that timed out may have been delivered; the outbox decides).</summary>
    public const string HttpClientName = "notification-robots";

    public abstract DeliveryChannel Channel { get; }

    protected TimeProvider Time => time;

    public async Task<SendOutcome> SendAsync(Delivery delivery, NotificationMessage message, CancellationToken cancellationToken)
    {
        var target = delivery.ChannelId is { } id ? await channels.TargetAsync(id, cancellationToken) : null;
        if (target is null || target.Kind != Channel || target.Secrets.WebhookUrl is null)
        {
            return new SendOutcome.Failed($"{Channel}: the robot channel was removed or disabled, or its webhook URL cannot be read.");
        }

        if (!await limiter.WaitAsync(target.Id, cancellationToken))
        {
            return new SendOutcome.RetryLater($"{Channel}: more than the robot's messages per minute are waiting.", TimeSpan.FromMinutes(1));
        }

        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Address(target))
            {
                Content = JsonContent.Create(Body(message, target)),
            };
            response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            return new SendOutcome.RetryLater($"{Channel}: the robot could not be reached ({Describe(error)}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome.RetryLater($"{Channel}: the robot did not answer in time.");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500)
            {
                return new SendOutcome.RetryLater($"{Channel}: HTTP {status}.", response.Headers.RetryAfter?.Delta);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new SendOutcome.Failed($"{Channel}: HTTP {status}.");
            }

            JsonNode? body;
            try
            {
                body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            }
            catch (JsonException)
            {
                return new SendOutcome.Failed($"{Channel}: the robot's answer is not JSON.");
            }

            return Outcome(body);
        }
    }

    /// <summary>Where to POST: the webhook URL, with the signature in its query for DingTalk.</summary>
    protected virtual Uri Address(ChannelTarget target) => new(target.Secrets.WebhookUrl!);

    /// <summary>The platform's JSON for <paramref name="message"/>.</summary>
    protected abstract object Body(NotificationMessage message, ChannelTarget target);

    /// <summary>The platform's answer read: Sent, RetryLater (rate limit, busy) or Failed.</summary>
    protected abstract SendOutcome Outcome(JsonNode? body);

    /// <summary>The outcome for a platform's numeric code and message.</summary>
    protected SendOutcome Coded(long? code, string? text, IReadOnlyCollection<long> retryCodes) => code switch
    {
        0 => new SendOutcome.Sent(),
        null => new SendOutcome.Failed($"{Channel}: the robot's answer has no result code."),
        _ when retryCodes.Contains(code.Value) => new SendOutcome.RetryLater(Error(code.Value, text), TimeSpan.FromMinutes(1)),
        _ => new SendOutcome.Failed(Error(code.Value, text)),
    };

    /// <summary>The message's Markdown with its link as the last line (the renderers' Markdown may already end with it).</summary>
    protected static string MarkdownWithLink(NotificationMessage message) =>
        message.Link is null || message.Markdown.Contains(message.Link.AbsoluteUri, StringComparison.Ordinal)
            ? message.Markdown
            : $"{message.Markdown}\n\n[{message.Link.AbsoluteUri}]({message.Link.AbsoluteUri})";

    /// <summary>Base64 of HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/> (both UTF-8): DingTalk's and Feishu's signature.</summary>
    protected static string Sign(string key, string data) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));

    protected static long? Code(JsonNode? body, string name) =>
        body?[name] is JsonValue value && value.TryGetValue<long>(out var code) ? code : null;

    protected static string? Text(JsonNode? body, string name) =>
        body?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private string Error(long code, string? text) =>
        string.Create(CultureInfo.InvariantCulture, $"{Channel}: error {code}{(string.IsNullOrWhiteSpace(text) ? string.Empty : ": " + Trim(text))}");

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300];

    /// <summary>The failure without the request's URL (a socket error names only host and port).</summary>
    private static string Describe(HttpRequestException error) =>
        error.HttpRequestError == HttpRequestError.Unknown ? error.InnerException?.Message ?? error.Message : $"{error.HttpRequestError}: {error.InnerException?.Message}";
}

/// <summary>
/// WeCom (企业微信) group robot: POST {"msgtype":"markdown","markdown":{"content":…}} to its webhook
/// (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…); the answer {"errcode":0,"errmsg":"ok"}; 45009 is the
/// 20-a-minute limit and -1 "system busy", both tried later.
/// </summary>
public sealed class WeComSender(ChannelStore channels, RobotRateLimiter limiter, IHttpClientFactory clients, TimeProvider time)
    : RobotSender(channels, limiter, clients, time)
{
    private static readonly long[] RetryCodes = [45009, -1];

    public override DeliveryChannel Channel => DeliveryChannel.WeCom;

    protected override object Body(NotificationMessage message, ChannelTarget target) =>
        new { msgtype = "markdown", markdown = new { content = $"**{message.Subject}**\n\n{MarkdownWithLink(message)}" } };

    protected override SendOutcome Outcome(JsonNode? body) => Coded(Code(body, "errcode"), Text(body, "errmsg"), RetryCodes);
}

/// <summary>
/// DingTalk (钉钉) group robot with its signing secret: the webhook (https://oapi.dingtalk.com/robot/send?access_token=…) gets
/// <c>&amp;timestamp={ms}&amp;sign={urlencode(base64(HMAC-SHA256(key: secret, data: timestamp + "\n" + secret)))}</c>, and the body
/// {"msgtype":"markdown","markdown":{"title":…,"text":…}}; the answer {"errcode":0,"errmsg":"ok"}; 130101 and 410100 ("send
/// too fast") and 660026 are rate limits, -1 "system busy", all tried later.
/// </summary>
public sealed class DingTalkSender(ChannelStore channels, RobotRateLimiter limiter, IHttpClientFactory clients, TimeProvider time)
    : RobotSender(channels, limiter, clients, time)
{
    private static readonly long[] RetryCodes = [130101, 410100, 660026, -1];

    public override DeliveryChannel Channel => DeliveryChannel.DingTalk;

    protected override Uri Address(ChannelTarget target)
    {
        var url = target.Secrets.WebhookUrl!;
        var timestamp = Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Uri.EscapeDataString(Sign(target.Secrets.Secret ?? string.Empty, $"{timestamp}\n{target.Secrets.Secret}"));
        return new Uri($"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}timestamp={timestamp}&sign={sign}");
    }

    protected override object Body(NotificationMessage message, ChannelTarget target) =>
        new { msgtype = "markdown", markdown = new { title = message.Subject, text = $"### {message.Subject}\n\n{MarkdownWithLink(message)}" } };

    protected override SendOutcome Outcome(JsonNode? body) => Coded(Code(body, "errcode"), Text(body, "errmsg"), RetryCodes);
}

/// <summary>
/// Feishu (飞书) group robot with its signing secret: POST to its webhook (https://open.feishu.cn/open-apis/bot/v2/hook/…)
/// {"timestamp":"{seconds}","sign":base64(HMAC-SHA256(key: timestamp + "\n" + secret, data: empty)),"msg_type":"interactive",
/// "card":{…}} with the message as the card's Markdown; the answer {"code":0,…} (older robots: {"StatusCode":0}); 9499 and
/// 11232 (frequency limited) are tried later.
/// </summary>
public sealed class FeishuSender(ChannelStore channels, RobotRateLimiter limiter, IHttpClientFactory clients, TimeProvider time)
    : RobotSender(channels, limiter, clients, time)
{
    private static readonly long[] RetryCodes = [9499, 11232];

    public override DeliveryChannel Channel => DeliveryChannel.Feishu;

    protected override object Body(NotificationMessage message, ChannelTarget target)
    {
        var timestamp = Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new
        {
            timestamp,
            sign = Sign($"{timestamp}\n{target.Secrets.Secret}", string.Empty),
            msg_type = "interactive",
            card = new
            {
                config = new { wide_screen_mode = true },
                header = new { title = new { tag = "plain_text", content = message.Subject } },
                elements = new object[] { new { tag = "markdown", content = MarkdownWithLink(message) } },
            },
        };
    }

    protected override SendOutcome Outcome(JsonNode? body) =>
        Coded(Code(body, "code") ?? Code(body, "StatusCode"), Text(body, "msg") ?? Text(body, "StatusMessage"), RetryCodes);
}
