using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Domain.Deals;

namespace KeyAccountPipeline.Web.Tests.Imports;

/// <summary>
/// One cell read as the value its column needs, in the forms a team's workbook or a CRM export holds it (issue 16's dates
/// as serials and as text, numbers with separators and 万), and the headers each field is matched from.
/// </summary>
public sealed class ImportCellsTests
{
    [Theory]
    [InlineData("2026-11-30")]
    [InlineData("2026/11/30")]
    [InlineData("2026.11.30")]
    [InlineData("30.11.2026")]
    [InlineData("2026年11月30日")]
    [InlineData("２０２６/１１/３０")]
    [InlineData(" 2026/11/30 0:00 ")]
    [InlineData("20261130")]
    public void ADayReadsFromText(string text)
    {
        Assert.True(ImportCells.TryDay(text, out var day));
        Assert.Equal(new DateOnly(2026, 11, 30), day);
    }

    [Theory]
    [InlineData("11/30/2026")] // month and day could be either way round: asked, not guessed
    [InlineData("30/11/2026")]
    [InlineData("2026-02-30")]
    [InlineData("next week")]
    [InlineData("")]
    public void AnAmbiguousOrWrongDayIsNotRead(string text) => Assert.False(ImportCells.TryDay(text, out _));

    [Theory]
    [InlineData(46356d, 2026, 11, 30)]
    [InlineData(46356.75d, 2026, 11, 30)] // a time of day on the serial
    [InlineData(61d, 1900, 3, 1)] // after the 29 February 1900 that Excel counts
    [InlineData(59d, 1900, 2, 28)]
    [InlineData(1d, 1900, 1, 1)]
    public void AnExcelSerialReadsAsExcelShowsIt(double serial, int year, int month, int day)
    {
        Assert.True(ImportCells.TryDay(serial, out var read));
        Assert.Equal(new DateOnly(year, month, day), read);
    }

    [Theory]
    [InlineData(60d)] // 1900-02-29, which never was
    [InlineData(0d)]
    [InlineData(-5d)]
    [InlineData(1e12)]
    [InlineData(double.NaN)]
    public void ASerialThatIsNoDayIsNotRead(double serial) => Assert.False(ImportCells.TryDay(serial, out _));

    [Fact]
    public void ADateCellReadsAsItsDay()
    {
        Assert.True(ImportCells.TryDay(new DateTime(2026, 11, 30, 15, 30, 0), out var day));
        Assert.Equal(new DateOnly(2026, 11, 30), day);
    }

    [Theory]
    [InlineData("1,200,000", "1200000")]
    [InlineData("1,200,000.50", "1200000.50")]
    [InlineData("1 200 000", "1200000")]
    [InlineData("120万", "1200000")]
    [InlineData("120 万元", "1200000")]
    [InlineData("1.5万", "15000")]
    [InlineData("¥1,200,000", "1200000")]
    [InlineData("￥１２０万", "1200000")]
    [InlineData("CNY 1,200,000", "1200000")]
    [InlineData("rmb1200000", "1200000")]
    [InlineData("1200000元", "1200000")]
    [InlineData("0.12亿", "12000000")]
    [InlineData("-3000", "-3000")] // read; the range is the validator's
    public void AnAmountReadsFromText(string text, string yuan)
    {
        Assert.True(ImportCells.TryAmount(text, out var read));
        Assert.Equal(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture), read);
    }

    [Theory]
    [InlineData("about a million")]
    [InlineData("1.2.3")]
    [InlineData("万")]
    [InlineData("")]
    public void AnAmountThatIsNoNumberIsNotRead(string text) => Assert.False(ImportCells.TryAmount(text, out _));

    [Fact]
    public void ANumberCellReadsAsTheAmountExcelShows()
    {
        Assert.True(ImportCells.TryAmount(0.1 + 0.2, out var yuan));
        Assert.Equal(0.3m, yuan);
        Assert.True(ImportCells.TryAmount(1_200_000.5d, out yuan));
        Assert.Equal(1_200_000.5m, yuan);
        Assert.False(ImportCells.TryAmount(double.PositiveInfinity, out _));
        Assert.False(ImportCells.TryAmount(null, out _));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData(" 0 ", 0)]
    [InlineData("3.0", 3)]
    [InlineData("７", 7)] // full width; the ladder's range is the caller's check
    public void ALevelReadsFromText(string text, int level)
    {
        Assert.True(ImportCells.TryLevel(text, out var read));
        Assert.Equal(level, read);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("-1")]
    [InlineData("three")]
    [InlineData("")]
    public void ALevelThatIsNoWholeNumberIsNotRead(string text) => Assert.False(ImportCells.TryLevel(text, out _));

    [Fact]
    public void ALevelReadsFromANumberCell()
    {
        Assert.True(ImportCells.TryLevel(4d, out var level));
        Assert.Equal(4, level);
        Assert.False(ImportCells.TryLevel(4.5d, out _));
        Assert.False(ImportCells.TryLevel(-1d, out _));
    }

    [Theory]
    [InlineData("Contract logistics", ServiceLine.ContractLogistics)]
    [InlineData("contract-logistics", ServiceLine.ContractLogistics)]
    [InlineData("ContractLogistics", ServiceLine.ContractLogistics)]
    [InlineData("合同物流", ServiceLine.ContractLogistics)]
    [InlineData("仓储", ServiceLine.Warehousing)]
    [InlineData(" WAREHOUSING ", ServiceLine.Warehousing)]
    [InlineData("配送", ServiceLine.Distribution)]
    [InlineData("运输", ServiceLine.Transport)]
    [InlineData("其他", ServiceLine.Other)]
    public void AServiceLineReadsByItsNameInEitherLanguage(string text, ServiceLine line)
    {
        Assert.True(ImportCells.TryServiceLine(text, out var read));
        Assert.Equal(line, read);
    }

    [Theory]
    [InlineData("Air freight")]
    [InlineData("3")]
    [InlineData("")]
    public void AnUnknownServiceLineIsNotRead(string text) => Assert.False(ImportCells.TryServiceLine(text, out _));

    [Fact]
    public void TextIsWhatExcelShows()
    {
        Assert.Equal("上海鲜达冷链", ImportCells.Text("  上海鲜达冷链 "));
        Assert.Null(ImportCells.Text("   "));
        Assert.Null(ImportCells.Text(null));
        Assert.Equal("1001", ImportCells.Text(1001d));
        Assert.Equal("0.3", ImportCells.Text(0.1 + 0.2));
        Assert.Equal("2026-11-30", ImportCells.Text(new DateTime(2026, 11, 30)));
        Assert.Equal("=1+2", ImportCells.Text("=1+2"));
    }

    [Theory]
    [InlineData("客户", ImportField.Customer)]
    [InlineData("客户名称", ImportField.Customer)]
    [InlineData("公司名称", ImportField.Customer)]
    [InlineData("Customer", ImportField.Customer)]
    [InlineData("ACCOUNT NAME", ImportField.Customer)]
    [InlineData("Account Name", ImportField.Customer)]
    [InlineData("Organization", ImportField.Customer)]
    [InlineData("*客户名称：", ImportField.Customer)]
    [InlineData("金额", ImportField.AnnualValue)]
    [InlineData("年合同额", ImportField.AnnualValue)]
    [InlineData("年合同额（元）", ImportField.AnnualValue)]
    [InlineData("合同金额(元)", ImportField.AnnualValue)]
    [InlineData("Annual value", ImportField.AnnualValue)]
    [InlineData("Annual value (CNY)", ImportField.AnnualValue)]
    [InlineData("Deal value", ImportField.AnnualValue)]
    [InlineData("Value (CNY)", ImportField.AnnualValue)]
    [InlineData("Amount", ImportField.AnnualValue)]
    [InlineData("Value", ImportField.Value)]
    [InlineData("价值", ImportField.Value)]
    [InlineData("Power", ImportField.Power)]
    [InlineData("权力", ImportField.Power)]
    [InlineData("权力等级", ImportField.Power)]
    [InlineData("Power level", ImportField.Power)]
    [InlineData("需求", ImportField.Need)]
    [InlineData("目标", ImportField.Goal)]
    [InlineData("Collaboration", ImportField.Collaboration)]
    [InlineData("协作", ImportField.Collaboration)]
    [InlineData("负责人邮箱", ImportField.OwnerEmail)]
    [InlineData("Owner email", ImportField.OwnerEmail)]
    [InlineData("Email", ImportField.OwnerEmail)]
    [InlineData("商机名称", ImportField.Title)]
    [InlineData("项目名称", ImportField.Title)]
    [InlineData("Opportunity", ImportField.Title)]
    [InlineData("Deal name", ImportField.Title)]
    [InlineData("预计签约日期", ImportField.TargetCloseDate)]
    [InlineData("Expected close date", ImportField.TargetCloseDate)]
    [InlineData("立项日期", ImportField.StartedOn)]
    [InlineData("Start date", ImportField.StartedOn)]
    [InlineData("业务线", ImportField.ServiceLine)]
    [InlineData("Service line", ImportField.ServiceLine)]
    [InlineData("行业", ImportField.Industry)]
    [InlineData("地区", ImportField.Region)]
    [InlineData("Region", ImportField.Region)]
    [InlineData("评估日期", ImportField.LevelsAsOf)]
    [InlineData("As of", ImportField.LevelsAsOf)]
    [InlineData("外部编号", ImportField.ExternalId)]
    [InlineData("CRM ID", ImportField.ExternalId)]
    [InlineData("ID", ImportField.ExternalId)]
    public void AHeaderIsMatchedToItsField(string header, ImportField field) =>
        Assert.Equal(field, Assert.Single(ImportColumns.Guess([header])));

    [Theory]
    [InlineData("Notes")]
    [InlineData("备注")]
    [InlineData("")]
    public void AnUnknownHeaderIsLeftOut(string header) => Assert.Null(Assert.Single(ImportColumns.Guess([header])));

    [Fact]
    public void AFieldGoesToItsFirstColumnOnly() =>
        Assert.Equal([ImportField.Customer, null, ImportField.AnnualValue, null, ImportField.Value],
            ImportColumns.Guess(["客户名称", "Customer", "Annual value", "金额", "Value"]));

    [Fact]
    public void EveryFieldHasAHeaderInBothLanguagesThatIsMatchedBackToIt()
    {
        foreach (var field in Enum.GetValues<ImportField>())
        {
            var header = ImportColumns.Header(field);
            Assert.False(string.IsNullOrWhiteSpace(header.Zh));
            Assert.False(string.IsNullOrWhiteSpace(header.En));
            Assert.Equal(field, ImportColumns.Guess([header.Zh]).Single());
            Assert.Equal(field, ImportColumns.Guess([header.En]).Single());
        }
    }
}
