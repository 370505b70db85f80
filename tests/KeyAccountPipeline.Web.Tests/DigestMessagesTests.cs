using System.Globalization;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Notifications;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 17 §3: the digest as a phone's mail app and a group chat show it, in both languages. A person's words (customer names,
/// notes) stay literal text in HTML and Markdown; long lists are cut with a count; links keep the app's public address and path.
/// </summary>
public sealed partial class DigestMessagesTests
{
    private static readonly DigestMessages Messages = new(NotificationPublicUrl.For(new Uri("https://kap.example.cn/pipeline")));

    private static readonly Playbook Playbook = DefaultPlaybook.Create();

    private static DigestDeal Deal(int i, string customer) => new(
        Guid.NewGuid(), customer, $"Deal {i}", Playbook.Stages[1].Name, 30 + i, 21, null, null,
        Factor.Power, Playbook.Factor(Factor.Power).Name, 1, 3, Playbook.Factor(Factor.Power).Levels[2], Playbook.Factor(Factor.Power).Question);

    private static Notification Digest(DigestFacts facts) =>
        new(Guid.NewGuid(), NotificationKind.WeeklyDigest, null, null, DateTimeOffset.UnixEpoch, facts.ToJson(), "weeklyDigest:x");

    private static readonly DigestFacts Many = new(
        new DateOnly(2026, 6, 29), new DateOnly(2026, 6, 29), "<b>Li</b> & *Na*",
        [Deal(0, "A*B <script>alert(1)</script> [Logistics](http://evil)"), .. Enumerable.Range(1, 6).Select(i => Deal(i, $"Customer {i}"))],
        [new DigestAction(Guid.NewGuid(), Guid.NewGuid(), "C & D", "Call\nthe CFO", new DateOnly(2026, 7, 1))],
        null);

    [Fact]
    public void TheHtmlPartIsOneNarrowColumnWithEveryTextEncodedAndNothingFetched()
    {
        var html = Messages.Render(Digest(Many), CultureInfo.GetCultureInfo("en-US")).Html;

        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.Contains("max-width:600px", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>Li</b>", html);
        Assert.Contains("&lt;b&gt;Li&lt;/b&gt; &amp; *Na*", html);
        // No stylesheet, image, font or script from anywhere: every address in it is a link into the app.
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("url(", html);
        Assert.All(Hrefs().Matches(html), m => Assert.StartsWith("https://kap.example.cn/pipeline/", m.Groups[1].Value));
        // Seven stuck deals: all of them in mail (up to 20).
        Assert.Contains("Customer 6", html);
    }

    [Fact]
    public void TheMarkdownKeepsAPersonsWordsLiteralAndCutsLongListsForAGroupChat()
    {
        var message = Messages.Render(Digest(Many), CultureInfo.GetCultureInfo("en-US"));

        Assert.Contains(@"A\*B \<script\>alert(1)\</script\> \[Logistics\](http://evil)", message.Markdown);
        Assert.Contains(@"Hello \<b\>Li\</b\> & \*Na\*", message.Markdown);
        Assert.Contains("Customer 4", message.Markdown);
        Assert.DoesNotContain("Customer 5", message.Markdown);
        Assert.Contains("…and 2 more: open the link to see them.", message.Markdown);
        Assert.Contains("[Open the board](https://kap.example.cn/pipeline/)", message.Markdown);
        // An action typed over two lines stays one list item.
        Assert.Contains("- Due 1 Jul 2026 · C & D: Call the CFO", message.Text.Split('\n'));
        Assert.Equal(new Uri("https://kap.example.cn/pipeline/"), message.Link);
    }

    [Fact]
    public void InChineseTheFactorTheCheckpointAndTheQuestionAreThePlaybooksChineseWords()
    {
        var message = Messages.Render(Digest(Many), CultureInfo.GetCultureInfo("zh-CN"));

        Assert.StartsWith("每周阶梯简报（2026年6月29日）：7 个商机卡住、1 项行动未完成", message.Subject);
        Assert.Contains("  下一个检查点（权力：现在 1，需要 3）：2. 业务对接人把我们推荐给决策人并安排会面", message.Text.Split('\n'));
        Assert.Contains("  要问的问题：决策人是谁？是否接触过最终决策人？有否定权的部门都沟通过并同意了吗？", message.Text.Split('\n'));
        Assert.Contains("……还有 2 项，请打开链接查看。", message.Markdown);
        Assert.Contains("<html lang=\"zh-CN\">", message.Html);
        Assert.Contains("打开看板", message.Html);
        Assert.DoesNotContain("Open the board", message.Html);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Hrefs();
}

/// <summary>The digest's settings are read strictly: a present but malformed value stops the app at start, naming its key.</summary>
public sealed class DigestSettingsTests
{
    [Theory]
    [InlineData("Notifications:Digest:Day", "Mon")]
    [InlineData("Notifications:Digest:Day", "1")]
    [InlineData("Notifications:Digest:Time", "8:30")]
    [InlineData("Notifications:Digest:Time", "25:00")]
    [InlineData("Notifications:Digest:Time", "08:30:00")]
    [InlineData("Notifications:Digest:Enabled", "sometimes")]
    [InlineData("Notifications:PublicUrl", "ftp://pipeline.example.cn")]
    [InlineData("Notifications:PublicUrl", "pipeline.example.cn")]
    public void ABadDigestSettingStopsTheAppWithAMessageNamingIt(string key, string value)
    {
        using var app = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("environment", "Testing");
            builder.UseSetting("ConnectionStrings:Pipeline", $"Data Source={Path.Combine(Path.GetTempPath(), $"kap-bad-{Guid.NewGuid():N}.db")}");
            builder.UseSetting("Seed:Demo", "false");
            builder.UseSetting(key, value);
        });

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains($"'{key}'", error.ToString());
    }
}
