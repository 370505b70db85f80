namespace KeyAccountPipeline.Web.Components.Tests;

using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;

/// <summary>
/// Compact money rounds in a unit, then picks the unit: an amount that rounds up to the next unit is written in it
/// (issue 15 §6: 999,999 was ¥1,000K, 99,999,999 in Chinese ¥10,000万, 0.4 was ¥0).
/// </summary>
public sealed class CompactMoneyTests : ComponentTest
{
    [Theory]
    [InlineData("0", "¥0")]
    [InlineData("0.4", "¥0.4")]
    [InlineData("0.45", "¥0.45")]
    [InlineData("1", "¥1")]
    [InlineData("999", "¥999")]
    [InlineData("999.4", "¥999")]
    [InlineData("999.5", "¥1K")]
    [InlineData("1000", "¥1K")]
    [InlineData("12345", "¥12K")]
    [InlineData("999499", "¥999K")]
    [InlineData("999500", "¥1M")]
    [InlineData("999999", "¥1M")]
    [InlineData("1000000", "¥1M")]
    [InlineData("12500000", "¥12.5M")]
    [InlineData("999949999", "¥999.9M")]
    [InlineData("999950000", "¥1B")]
    [InlineData("999999999", "¥1B")]
    [InlineData("1234567890", "¥1.23B")]
    [InlineData("1250000000000", "¥1,250B")]
    public void EnglishCompactMoneyCrossesIntoTheNextUnitWhenItRoundsThere(string yuan, string shown)
    {
        Speak("en");

        Assert.Equal(shown, Display.Money(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0.4", "¥0.4")]
    [InlineData("9999", "¥9,999")]
    [InlineData("9999.5", "¥1万")]
    [InlineData("10000", "¥1万")]
    [InlineData("999999", "¥100万")]
    [InlineData("12500000", "¥1,250万")]
    [InlineData("99950000", "¥9,995万")]
    [InlineData("99994999", "¥9,999.5万")]
    [InlineData("99999999", "¥1亿")]
    [InlineData("100000000", "¥1亿")]
    [InlineData("123456789", "¥1.23亿")]
    [InlineData("999999999", "¥10亿")]
    public void ChineseCompactMoneyCrossesIntoTheNextUnitWhenItRoundsThere(string yuan, string shown)
    {
        Speak("zh-CN");

        Assert.Equal(shown, Display.Money(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
