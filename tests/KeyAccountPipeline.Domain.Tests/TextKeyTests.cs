namespace KeyAccountPipeline.Domain.Tests;

/// <summary>
/// One key for every way of typing the same text: width, case, composed or combining accents, white space. Search,
/// the industry filter and account matching compare these keys on every database.
/// </summary>
public class TextKeyTests
{
    public static TheoryData<string, string> SameText => new()
    {
        { "ＴＣＬ华星物流（全角）", "tcl华星物流(全角)" },
        { "ＴＣＬ华星物流（全角）", "TCL华星物流(全角)" },
        { "ｔｃｌ", "TCL" },
        { "ＩＴ与电子", "it与电子" },
        { "ÄRZTE Logistik GmbH", "ärzte logistik gmbh" },
        { "A\u0308RZTE Logistik GmbH", "ärzte logistik gmbh" },
        { "Cafe\u0301 Express", "CAFÉ EXPRESS" },
        { "İSTANBUL LOJİSTİK", "istanbul lojistik" },
        { "ıspARTA", "ISPARTA" },
        { "Straße Spedition", "STRASSE SPEDITION" },
        { "ẞ", "ss" },
        { "ΟΔΟΣ", "οδος" },
        { "οδός", "ΟΔΌΣ" },
        { "  Ａ　Ｂ\t\nC  ", "a b c" },
        { "Zero\u200Bwidth\u00ADsoft", "zerowidthsoft" },
        { "\uFEFFBOM", "bom" },
        { "１２３号仓", "123号仓" },
        { "㈱サンプル", "(株)サンプル" },
        { "ｶﾀｶﾅ", "カタカナ" },
    };

    [Theory]
    [MemberData(nameof(SameText))]
    public void TheSameTextTypedAnotherWayHasTheSameKey(string typed, string other)
    {
        Assert.Equal(TextKey.Fold(other), TextKey.Fold(typed));
    }

    [Theory]
    [InlineData("ÄRZTE", "arzte")]
    [InlineData("Ärzte", "Aerzte")]
    [InlineData("华星", "華星")]
    [InlineData("100%", "100")]
    [InlineData("a_b", "ab")]
    public void DifferentTextsKeepDifferentKeys(string one, string other)
    {
        Assert.NotEqual(TextKey.Fold(one), TextKey.Fold(other));
    }

    [Fact]
    public void APieceOfTheTextFoldsToAPieceOfItsKey()
    {
        var key = TextKey.Fold("ＴＣＬ华星物流（全角） ÄRZTE Logistik GmbH");

        Assert.Contains(TextKey.Fold("ｔｃｌ"), key, StringComparison.Ordinal);
        Assert.Contains(TextKey.Fold("ärzte"), key, StringComparison.Ordinal);
        Assert.Contains(TextKey.Fold("(全角)"), key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void BlankTextHasAnEmptyKey(string? text)
    {
        Assert.Equal(string.Empty, TextKey.Fold(text));
    }

    [Fact]
    public void AKeyIsCutAtItsLimitWithoutSplittingACharacter()
    {
        // U+FDFA is one character that NFKC spells as 18 letters; an emoji is two UTF-16 code units.
        var expanding = TextKey.Fold(new string('\uFDFA', Limits.Name));
        var emoji = TextKey.Fold("a" + string.Concat(Enumerable.Repeat("😀", TextKey.MaxLength)));

        Assert.Equal(TextKey.MaxLength, expanding.Length);
        Assert.True(emoji.Length <= TextKey.MaxLength);
        Assert.False(char.IsHighSurrogate(emoji[^1]));
        Assert.True(emoji.IsNormalized(System.Text.NormalizationForm.FormKC));
    }
}
