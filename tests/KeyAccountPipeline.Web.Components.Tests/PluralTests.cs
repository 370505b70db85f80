namespace KeyAccountPipeline.Web.Components.Tests;

using System.Globalization;
using KeyAccountPipeline.Web.Texts;

/// <summary>English says "1 day" and "2 days"; Chinese has one form. <see cref="Plural"/> picks the form by the count.</summary>
public sealed class PluralTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Theory]
    [InlineData("1", 1, "1 day (1 stay)")]
    [InlineData("1", 3, "1 day (3 stays)")]
    [InlineData("2.5", 1, "2.5 days (1 stay)")]
    [InlineData("0", 0, "0 days (0 stays)")]
    [InlineData("21", 21, "21 days (21 stays)")]
    public void DaysPerStageSaysDayAndStayInTheirRightForms(string days, int stays, string expected)
    {
        Assert.Equal(expected, Ui.StageDaysBar.Format(English, days, stays));
        Assert.Equal($"{days} 天（{stays} 次停留）", Ui.StageDaysBar.Format(Chinese, days, stays));
    }

    [Fact]
    public void InsightsCountsAreSingularForOne()
    {
        Assert.Equal("Lost: 1 deal · ¥1M", Ui.OutcomeHeading.Format(English, "Lost", 1, "¥1M"));
        Assert.Equal("Lost: 2 deals · ¥1M", Ui.OutcomeHeading.Format(English, "Lost", 2, "¥1M"));
        Assert.Equal("1 deal · ¥1M", Ui.FunnelBar.Format(English, 1, "¥1M"));
        Assert.Equal("Won and lost in the last 1 day", Ui.ClosedTitle.Format(English, 1));
        Assert.Equal("Levels advanced per week (last 1 week)", Ui.AdvancedPerWeek.Format(English, 1));
        Assert.Equal("Power: on average level 2.0 of 6 (33%) across 1 open deal.", Ui.TeamWeakestText.Format(English, "Power", 1, "2.0", 6, "33%"));
        Assert.Equal("Not saved. Fix 1 problem first (each one takes you to its field):", Ui.PlaybookProblems.Format(English, 1));
        Assert.Equal("没有保存。请先修改以下 3 处（点击可跳到该字段）：", Ui.PlaybookProblems.Format(Chinese, 3));
    }

    [Fact]
    public void TheCurrentUiCulturePicksTheLanguage()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Chinese;
            Assert.Equal("1 个 · x", Ui.FunnelBar.Format(1, "x"));
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = English;
            Assert.Equal("1 deal · x", Ui.FunnelBar.Format(1, "x"));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    [Fact]
    public void AFormNamingAMissingArgumentIsAFormatError() =>
        Assert.Throws<FormatException>(() => new Plural("{0} 个", "{0} {1:deal|deals}").Format(English, 1));
}
