using System.Globalization;
using KeyAccountPipeline.Web.Export;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// A download's file name keeps at most 60 of the customer's characters, counted as a reader counts them (text elements):
/// the cut never splits an emoji, a surrogate pair or a joined sequence, which would end the name in "�".
/// </summary>
public sealed class DownloadNameTests
{
    [Theory]
    [InlineData("👍")] // one surrogate pair
    [InlineData("👍🏽")] // with a skin tone
    [InlineData("👩🏽‍💻")] // joined by ZWJ
    [InlineData("👨‍👩‍👧‍👦")] // a family: seven code points, eleven UTF-16 units
    [InlineData("🇨🇳")] // a flag: two regional indicators
    [InlineData("é")] // e + combining accent
    public void TheCutKeepsTheSixtiethCharacterWhole(string sixtieth)
    {
        var name = ExportEndpoints.FileNamePart(new string('A', 59) + sixtieth + "BCDEF");

        Assert.Equal(new string('A', 59) + sixtieth, name);
        Assert.Equal(ExportEndpoints.FileNameLimit, new StringInfo(name).LengthInTextElements);
        Assert.False(char.IsHighSurrogate(name[^1]), "The name ends in half a surrogate pair.");
    }

    [Fact]
    public void ChineseNamesKeepSixtyCharacters()
    {
        var name = ExportEndpoints.FileNamePart(string.Concat(Enumerable.Repeat("华南区域配送中心", 10)));

        Assert.Equal(60, name.Length);
        Assert.StartsWith("华南区域配送中心华南", name, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortNameIsKeptAndOnlyPathCharactersAndSpacesAreReplaced()
    {
        Assert.Equal("TCL_华星/物流👍".Replace('/', '_'), ExportEndpoints.FileNamePart("TCL 华星/物流👍"));
        Assert.Equal("deal", ExportEndpoints.FileNamePart("   "));
    }
}
