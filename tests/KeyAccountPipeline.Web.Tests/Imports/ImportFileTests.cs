using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Tests.Imports;

/// <summary>
/// An uploaded file as the import reads it (issue 16's "Bad input" list and the formats of §2): each refusal names the
/// field "file" with the words a manager sees; each odd but valid file reads to the cells Excel shows. No database.
/// </summary>
public sealed class ImportFileTests
{
    private static readonly DateOnly Nov30 = new(2026, 11, 30);

    [Fact]
    public void APdfRenamedXlsxIsNotASpreadsheet()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\0\0stream\n");

        AssertRefused(pdf, "pipeline.xlsx", RuleTexts.ImportFileNotSpreadsheet);
    }

    [Fact]
    public void AnOldXlsWorkbookIsAskedToBeSavedAsXlsx()
    {
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0];

        AssertRefused(xls, "pipeline.xlsx", RuleTexts.ImportFileOldExcel);
    }

    [Fact]
    public void AZipThatIsNoWorkbookIsNotASpreadsheet()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<Types/>");
            Write(zip, "word/document.xml", "<document/>");
        }

        AssertRefused(memory.ToArray(), "pipeline.xlsx", RuleTexts.ImportFileNotSpreadsheet);
    }

    [Theory]
    [InlineData("pipeline.xlsx")]
    [InlineData("pipeline.csv")]
    public void AnEmptyFileIsRefused(string name) => AssertRefused([], name, RuleTexts.ImportFileEmpty);

    [Fact]
    public void AWorkbookThatStartsWithItsDataHasNoHeaderRow()
    {
        var workbook = Xlsx.Book(Xlsx.Sheet("Deals", [[1001, "2026/11/30", "1,200,000"], [1002, 46356, "120万"]]));

        AssertRefused(workbook, "pipeline.xlsx", RuleTexts.ImportFileNoHeaderRow);
    }

    [Fact]
    public void AnEmptySheetHasNoHeaderRow() =>
        AssertRefused(Xlsx.Book(Xlsx.Sheet("Deals", [])), "pipeline.xlsx", RuleTexts.ImportFileNoHeaderRow);

    [Fact]
    public void ACsvOfBlankLinesHasNoHeaderRow() =>
        AssertRefused(Encoding.UTF8.GetBytes("\r\n ,  ,\r\n\r\n"), "pipeline.csv", RuleTexts.ImportFileNoHeaderRow);

    [Fact]
    public void AFileOverTheLimitIsRefusedWithTheLimitAndNotReadToItsEnd()
    {
        var sixtyMegabytes = new CountingStream(60L * 1024 * 1024);

        var refusal = Assert.Throws<DomainException>(() => ImportFiles.Read(sixtyMegabytes, "pipeline.csv"));

        Assert.Equal("file", refusal.Field);
        Assert.Equal(RuleTexts.ImportFileTooBig(ImportFiles.MaxBytes), refusal.Text);
        Assert.Contains("10 MB", refusal.Text.En, StringComparison.Ordinal);
        Assert.Contains("10 MB", refusal.Text.Zh, StringComparison.Ordinal);
        Assert.True(sixtyMegabytes.Position <= ImportFiles.MaxBytes + 128 * 1024, $"read {sixtyMegabytes.Position} bytes");
    }

    [Fact]
    public void AFileOfExactlyOneByteOverTheLimitIsRefused() =>
        Assert.Equal(RuleTexts.ImportFileTooBig(ImportFiles.MaxBytes),
            Assert.Throws<DomainException>(() => ImportFiles.Read(new CountingStream(ImportFiles.MaxBytes + 1), "pipeline.csv")).Text);

    [Fact]
    public void AZipBombDisguisedAsXlsxIsRefusedBeforeItIsUnpacked()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Write(zip, "xl/workbook.xml", "<workbook/>");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                sheet.Write(zeros);
            }
        }

        Assert.True(memory.Length < ImportFiles.MaxBytes, "the bomb is small enough to be taken as an upload");
        AssertRefused(memory.ToArray(), "pipeline.xlsx", RuleTexts.ImportFileUnpacksTooLarge(ImportFiles.MaxUnpackedBytes));
    }

    [Fact]
    public void AZipBombThatUnderstatesItsSizeIsNotUnpackedPastIt()
    {
        // A well-formed sheet padded with 200 MB of spaces, its zip headers claiming it is a few bytes longer than its first row:
        // the size check passes, and the reader must stop where the headers say (the XML then ends early: unreadable),
        // never unpack the 200 MB (which would read as a valid sheet with a header row and no refusal).
        const string Head = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Customer</t></is></c></row>";
        var workbook = Xlsx.Book(Xlsx.Sheet("Deals", [["Customer"]]));
        var bomb = Patch(workbook, "xl/worksheets/sheet1.xml", _ => string.Empty);
        using var memory = new MemoryStream();
        memory.Write(bomb);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            sheet.Write(Encoding.UTF8.GetBytes(Head));
            var spaces = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
            for (var i = 0; i < 200; i++)
            {
                sheet.Write(spaces);
            }

            sheet.Write(Encoding.UTF8.GetBytes("</sheetData></worksheet>"));
        }

        var lying = Understate(memory.ToArray(), "xl/worksheets/sheet1.xml", (uint)Head.Length + 10);

        AssertRefused(lying, "pipeline.xlsx", RuleTexts.ImportFileUnreadable);
    }

    [Fact]
    public void ColumnsPastTheLimitAreNotRead()
    {
        var header = new object?[ImportFiles.MaxColumns + 500];
        header[0] = "Customer";
        header[ImportFiles.MaxColumns - 1] = "Last";
        header[^1] = "Too far";
        var row = new object?[header.Length];
        row[0] = "上海鲜达冷链";
        row[^1] = "x";

        var table = Read(Xlsx.Book(Xlsx.Sheet("Deals", [header, row])));

        Assert.Equal(ImportFiles.MaxColumns, table.Headers.Count);
        Assert.Equal("Last", table.Headers[^1]);
        Assert.Equal("上海鲜达冷链", Assert.Single(table.Rows).Cells[0]);
    }

    [Fact]
    public void MoreRowsThanTheLimitAreRefused()
    {
        var csv = new StringBuilder("Customer,Title\r\n");
        for (var i = 0; i <= ImportFiles.MaxRows; i++)
        {
            csv.Append("C").Append(i).Append(",T\r\n");
        }

        AssertRefused(Encoding.UTF8.GetBytes(csv.ToString()), "pipeline.csv", RuleTexts.ImportFileTooManyRows(ImportFiles.MaxRows));
    }

    [Fact]
    public void AFormulaGivesItsSavedValueNeverEvaluated()
    {
        // The saved value (<v>) is deliberately not what the formula computes: the reader must take it as saved.
        var workbook = Xlsx.Book(Xlsx.Sheet("Deals", [["Customer", "Annual value"], ["上海鲜达冷链", new Xlsx.Formula("SUM(1,2)", "3")],
            ["杭州云仓", new Xlsx.Formula("A1&\"x\"", "1200000", Text: false)]]));

        var table = Read(workbook);

        Assert.Equal(3d, table.Rows[0].Cells[1]);
        Assert.True(ImportCells.TryAmount(table.Rows[1].Cells[1], out var yuan));
        Assert.Equal(1_200_000m, yuan);
    }

    [Fact]
    public void DatesReadAsSerialsAsDateCellsAndAsTextInBothForms()
    {
        var serial = Nov30.DayNumber - new DateOnly(1899, 12, 30).DayNumber;
        var workbook = Xlsx.Book(Xlsx.Sheet("Deals", [["Customer", "Close date"], ["A", serial], ["B", new Xlsx.Date(serial)], ["C", "2026/11/30"], ["D", "30.11.2026"],
            ["E", "2026-11-30"], ["F", "2026年11月30日"]]));

        var table = Read(workbook);

        Assert.Equal(6, table.Rows.Count);
        Assert.IsType<double>(table.Rows[0].Cells[1]);
        Assert.IsType<DateTime>(table.Rows[1].Cells[1]);
        Assert.All(table.Rows, row =>
        {
            Assert.True(ImportCells.TryDay(row.Cells[1], out var day), $"row {row.Number}: {row.Cells[1]}");
            Assert.Equal(Nov30, day);
        });
    }

    [Fact]
    public void AmountsReadWithThousandsSeparatorsAndWan()
    {
        var workbook = Xlsx.Book(Xlsx.Sheet("Deals", [["Customer", "年合同额（元）"], ["A", "1,200,000"], ["B", "120万"], ["C", 1_200_000], ["D", "¥1,200,000.00"]]));

        var table = Read(workbook);

        Assert.All(table.Rows, row =>
        {
            Assert.True(ImportCells.TryAmount(row.Cells[1], out var yuan), $"row {row.Number}");
            Assert.Equal(1_200_000m, yuan);
        });
    }

    [Theory]
    [InlineData(false)] // a plain merge of unformatted cells: the covered cells are not in the XML
    [InlineData(true)] // "Merge & Center": they are, empty
    public void AMergedCellGivesItsValueToEveryCellItCovers(bool coveredCellsListed)
    {
        object? covered = coveredCellsListed ? new Xlsx.Blank() : null;
        var workbook = Xlsx.Book(Xlsx.Sheet("Deals",
            [["Customer", "Title", "Region", "Owner email"], ["上海鲜达冷链", "冷库", "华东", covered], [covered, "干线", covered, covered], [covered, "城配", "华南", "li@example.com"]],
            merges: ["A2:A4", "C2:D3"]));

        var table = Read(workbook);

        Assert.Equal(["上海鲜达冷链", "上海鲜达冷链", "上海鲜达冷链"], table.Rows.Select(r => r.Cells[0]));
        Assert.Equal(["冷库", "干线", "城配"], table.Rows.Select(r => r.Cells[1]));
        Assert.Equal<object?>(["华东", "华东", "华南"], table.Rows.Select(r => r.Cells[2]));
        Assert.Equal<object?>(["华东", "华东", "li@example.com"], table.Rows.Select(r => r.Cells[3]));
    }

    [Fact]
    public void AHiddenFirstSheetIsPassedOverForTheFirstVisibleOne()
    {
        var workbook = Xlsx.Book(
            Xlsx.Sheet("Old", [["Wrong", "Columns"], ["x", "y"]], state: "hidden"),
            Xlsx.Sheet("Macros", [["Very", "Hidden"]], state: "veryHidden"),
            Xlsx.Sheet("Deals", [["客户", "商机名称"], ["上海鲜达冷链", "冷库"]]));

        var table = Read(workbook);

        Assert.Equal(["客户", "商机名称"], table.Headers);
        Assert.Equal("上海鲜达冷链", Assert.Single(table.Rows).Cells[0]);
    }

    [Fact]
    public void AWorkbookWithEverySheetHiddenSaysSo() =>
        AssertRefused(Xlsx.Book(Xlsx.Sheet("Old", [["Customer"], ["x"]], state: "hidden")), "pipeline.xlsx", RuleTexts.ImportFileNoVisibleSheet);

    [Fact]
    public void RowNumbersAreExcelsAndEmptyRowsAreLeftOut()
    {
        var workbook = Xlsx.Book(Xlsx.Sheet("Deals", [[], [], ["Customer", "Title"], ["A", "a"], [], [null, ""], ["B", "b"]]));

        var table = Read(workbook);

        Assert.Equal(["Customer", "Title"], table.Headers);
        Assert.Equal([4, 7], table.Rows.Select(r => r.Number));
        Assert.Equal("B", table.Rows[1].Cells[0]);
    }

    [Fact]
    public void ACsvInGb18030WithChineseHeadersReads()
    {
        var csv = "客户,商机名称,年合同额（元）,业务线,权力\r\n上海鲜达冷链,冷库租赁,\"1,200,000\",仓储,2\r\n";
        var bytes = Gb18030().GetBytes(csv);

        var table = Read(bytes, "export.csv");

        Assert.Equal(["客户", "商机名称", "年合同额（元）", "业务线", "权力"], table.Headers);
        Assert.Equal<object?>(["上海鲜达冷链", "冷库租赁", "1,200,000", "仓储", "2"], table.Rows.Single().Cells);
        Assert.Equal([ImportField.Customer, ImportField.Title, ImportField.AnnualValue, ImportField.ServiceLine, ImportField.Power],
            ImportColumns.Guess(table.Headers));
    }

    [Theory]
    [InlineData("utf-8 BOM", ",")]
    [InlineData("utf-8", ",")]
    [InlineData("utf-8", ";")]
    [InlineData("utf-8", "\t")]
    [InlineData("gb18030", ";")]
    [InlineData("utf-16 BOM", "\t")]
    public void ACsvReadsInEachEncodingAndSeparator(string encoding, string separator)
    {
        var text = string.Join("\r\n",
            string.Join(separator, "客户", "Title", "Annual value (CNY)"),
            string.Join(separator, "上海鲜达冷链", "\"Cold chain; dry, and \"\"frozen\"\"\"", "1200000.5"),
            string.Empty,
            string.Join(separator, "Zürich Logistik", "\"Line\nbreak\"", "3"));
        var bytes = encoding switch
        {
            "utf-8 BOM" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-16 BOM" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            _ => Gb18030().GetBytes(text),
        };

        var table = Read(bytes, "export.csv");

        Assert.Equal(["客户", "Title", "Annual value (CNY)"], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal<object?>(["上海鲜达冷链", "Cold chain; dry, and \"frozen\"", "1200000.5"], table.Rows[0].Cells);
        Assert.Equal<object?>(["Zürich Logistik", "Line\nbreak", "3"], table.Rows[1].Cells);
        Assert.Equal([2, 4], table.Rows.Select(r => r.Number));
    }

    [Fact]
    public void ACustomerThatStartsWithEqualsStaysLiteralText()
    {
        var csv = Read(Encoding.UTF8.GetBytes("Customer,Title\r\n=HYPERLINK(\"http://x\"),=1+2\r\n"), "export.csv");
        var xlsx = Read(Xlsx.Book(Xlsx.Sheet("Deals", [["Customer", "Title"], ["=HYPERLINK(\"http://x\")", "=1+2"]])));

        foreach (var table in new[] { csv, xlsx })
        {
            Assert.Equal<object?>(["=HYPERLINK(\"http://x\")", "=1+2"], table.Rows.Single().Cells);
        }
    }

    [Fact]
    public void ACellOnlyBeyondTheNamedColumnsIsNoRowAndShortRowsArePadded()
    {
        var table = Read(Encoding.UTF8.GetBytes("Customer,Title\r\n,,stray\r\nA\r\n"), "export.csv");

        var row = Assert.Single(table.Rows);
        Assert.Equal(3, row.Number);
        Assert.Equal<object?>(["A", null], row.Cells);
    }

    [Fact]
    public void ADamagedWorkbookIsUnreadableNotAnError()
    {
        var workbook = Xlsx.Book(Xlsx.Sheet("Deals", [["Customer"], ["A"]]));
        var damaged = Patch(workbook, "xl/worksheets/sheet1.xml", xml => xml[..(xml.Length / 2)]);

        AssertRefused(damaged, "pipeline.xlsx", RuleTexts.ImportFileUnreadable);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public void TheTemplateReadsBackWithEveryColumnMatchedToItsFieldAndAValidExampleRow(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        var playbook = DefaultPlaybook.Create();

        var table = Read(ImportWorkbooks.Template(playbook, culture));

        Assert.Equal(ImportColumns.All.Select(f => ImportColumns.Header(f).For(culture)), table.Headers);
        Assert.Equal(ImportColumns.All.Select(f => (ImportField?)f), ImportColumns.Guess(table.Headers));
        var example = Assert.Single(table.Rows);
        Assert.Equal(2, example.Number);
        object? Cell(ImportField field) => example.Cells[ImportColumns.All.ToList().IndexOf(field)];
        Assert.Equal(cultureName == "zh-CN" ? "上海鲜达冷链" : "Shanghai Xianda Cold Chain", Cell(ImportField.Customer));
        Assert.True(ImportCells.TryAmount(Cell(ImportField.AnnualValue), out var yuan));
        Assert.Equal(1_200_000m, yuan);
        Assert.True(ImportCells.TryServiceLine(Cell(ImportField.ServiceLine), out var line));
        Assert.Equal(Domain.Deals.ServiceLine.Warehousing, line);
        Assert.True(ImportCells.TryLevel(Cell(ImportField.Power), out var power));
        Assert.Equal(1, power);
        Assert.True(ImportCells.TryDay(Cell(ImportField.LevelsAsOf), out var asOf));
        Assert.Equal(Nov30, asOf);
        Assert.True(ImportCells.TryDay(Cell(ImportField.StartedOn), out var started));
        Assert.True(ImportCells.TryDay(Cell(ImportField.TargetCloseDate), out var target));
        Assert.True(started < target);
        Assert.Equal("CRM-0001", ImportCells.Text(Cell(ImportField.ExternalId)));
    }

    [Theory]
    [InlineData("zh-CN", "阶梯说明")]
    [InlineData("en-US", "Ladders")]
    public void TheTemplatesSecondSheetListsEveryLevelOfPowerWithItsText(string cultureName, string sheet)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        var playbook = DefaultPlaybook.Create();
        using var stream = new MemoryStream(ImportWorkbooks.Template(playbook, culture));

        Assert.Equal(2, MiniExcelLibs.MiniExcel.GetSheetNames(stream).Count);
        stream.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(stream, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();

        var power = playbook.Factor(Factor.Power);
        var powerRows = rows.Where(r => Equals(r[0], power.Name.For(culture))).ToList();
        Assert.Equal(Enumerable.Range(0, power.MaxLevel + 1), powerRows.Select(r => ImportCells.TryLevel(r[1], out var level) ? level : -1));
        Assert.Equal(power.Levels.Select(l => l.For(culture)), powerRows.Select(r => r[2]));
        Assert.Equal(Factors.All.Sum(f => playbook.Factor(f).Levels.Count) + 1, rows.Count);
    }

    [Fact]
    public void TheErrorsFileReadsBackWithItsRowsCellsAndTheErrorColumn()
    {
        var csv = "客户,商机名称,年合同额（元）,权力,等级日期\r\n"
            + "上海鲜达冷链,冷库,120万,7,2026/11/30\r\n"
            + "=HYPERLINK(\"http://x\"),干线,1200000,2,2026-11-30\r\n"
            + "杭州云仓,城配,abc,1,30.11.2026\r\n";
        var table = Read(Encoding.UTF8.GetBytes(csv), "export.csv");
        var errors = new Dictionary<int, string> { [2] = "权力最高为 6。", [4] = "年合同额无法读取。" };

        var reread = Read(ImportWorkbooks.Errors(table, errors, "错误"));

        Assert.Equal([.. table.Headers, "错误"], reread.Headers);
        Assert.Equal([.. ImportColumns.Guess(table.Headers), null], ImportColumns.Guess(reread.Headers));
        Assert.Equal([2, 3], reread.Rows.Select(r => r.Number));
        Assert.Equal<object?>([.. table.Rows[0].Cells, "权力最高为 6。"], reread.Rows[0].Cells);
        Assert.Equal<object?>([.. table.Rows[2].Cells, "年合同额无法读取。"], reread.Rows[1].Cells);
    }

    [Fact]
    public void TheErrorsFileKeepsAFormulaLikeCellAsText()
    {
        var table = Read(Encoding.UTF8.GetBytes("Customer,Title\r\n=HYPERLINK(\"http://x\"),=1+2\r\n"), "export.csv");

        var reread = Read(ImportWorkbooks.Errors(table, new Dictionary<int, string> { [2] = "Unknown owner." }, "Error"));

        Assert.Equal<object?>(["=HYPERLINK(\"http://x\")", "=1+2", "Unknown owner."], reread.Rows.Single().Cells);
    }

    internal static ImportTable Read(byte[] bytes, string name = "pipeline.xlsx")
    {
        using var stream = new MemoryStream(bytes);
        return ImportFiles.Read(stream, name);
    }

    internal static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    internal static byte[] Patch(byte[] zipBytes, string entryName, Func<string, string> edit)
    {
        using var memory = new MemoryStream();
        memory.Write(zipBytes);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(entryName) ?? throw new InvalidOperationException(entryName);
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            Write(zip, entryName, edit(xml));
        }

        return memory.ToArray();
    }

    /// <summary>The zip with <paramref name="entryName"/>'s uncompressed size set to <paramref name="size"/> in its local and central headers.</summary>
    private static byte[] Understate(byte[] zip, string entryName, uint size)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            // Local file header: name at 30, uncompressed size at 22. Central directory header: name at 46, size at 24.
            var (nameAt, sizeAt) = signature switch { 0x04034b50 => (30, 22), 0x02014b50 => (46, 24), _ => (-1, -1) };
            if (nameAt > 0 && zip.AsSpan(i + nameAt).StartsWith(name))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + sizeAt, 4), size);
                patched++;
            }
        }

        Assert.Equal(2, patched);
        return zip;
    }

    private static void AssertRefused(byte[] bytes, string name, Localized text)
    {
        var refusal = Assert.Throws<DomainException>(() => Read(bytes, name));
        Assert.Equal("file", refusal.Field);
        Assert.Equal(text, refusal.Text);
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>A stream of <c>length</c> bytes of "a" that are never held in memory; <see cref="Position"/> says how far it was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            Position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// A minimal .xlsx written part by part, so a test can say exactly what Excel would have saved: hidden sheets, merged
    /// ranges, a formula with its saved value, a date-formatted serial. Text cells are inline strings.
    /// </summary>
    internal static class Xlsx
    {
        public sealed record Formula(string Expression, string Saved, bool Text = false);

        public sealed record Date(double Serial);

        /// <summary>An empty cell the XML still lists, as Excel keeps the cells a "Merge &amp; Center" range covers.</summary>
        public sealed record Blank;

        public sealed record SheetPart(string Name, object?[][] Rows, string? State, string[] Merges);

        public static SheetPart Sheet(string name, object?[][] rows, string? state = null, string[]? merges = null) => new(name, rows, state, merges ?? []);

        public static byte[] Book(params SheetPart[] sheets)
        {
            const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            using var memory = new MemoryStream();
            using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            {
                var overrides = string.Concat(sheets.Select((_, i) =>
                    $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
                Write(zip, "[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                    + overrides + "</Types>");
                Write(zip, "_rels/.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
                Write(zip, "xl/workbook.xml",
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheets>"
                    + string.Concat(sheets.Select((s, i) =>
                        $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\"{(s.State is null ? "" : $" state=\"{s.State}\"")} r:id=\"rId{i + 1}\"/>"))
                    + "</sheets></workbook>");
                Write(zip, "xl/_rels/workbook.xml.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + string.Concat(sheets.Select((_, i) =>
                        $"<Relationship Id=\"rId{i + 1}\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))
                    + $"<Relationship Id=\"rIdStyles\" Type=\"{Rel}/styles\" Target=\"styles.xml\"/></Relationships>");
                // Style 1 is the built-in date format 14 (m/d/yyyy), as Excel gives a typed date.
                Write(zip, "xl/styles.xml",
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><styleSheet xmlns=\"{Main}\"><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills>"
                    + "<borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
                    + "<cellXfs count=\"2\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"14\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
                for (var i = 0; i < sheets.Length; i++)
                {
                    Write(zip, $"xl/worksheets/sheet{i + 1}.xml", SheetXml(sheets[i], Main));
                }
            }

            return memory.ToArray();
        }

        private static string SheetXml(SheetPart sheet, string main)
        {
            var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"{main}\">");
            var width = sheet.Rows.Select(r => r.Length).DefaultIfEmpty(0).Max();
            if (width > 0)
            {
                xml.Append($"<dimension ref=\"A1:{Column(width - 1)}{sheet.Rows.Length}\"/>");
            }

            xml.Append("<sheetData>");
            for (var r = 0; r < sheet.Rows.Length; r++)
            {
                if (sheet.Rows[r].Length == 0)
                {
                    continue; // Excel leaves an empty row out of the XML
                }

                xml.Append($"<row r=\"{r + 1}\">");
                for (var c = 0; c < sheet.Rows[r].Length; c++)
                {
                    var at = $"{Column(c)}{r + 1}";
                    xml.Append(sheet.Rows[r][c] switch
                    {
                        null => string.Empty,
                        Blank => $"<c r=\"{at}\" s=\"0\"/>",
                        string text => $"<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is></c>",
                        Formula { Text: true } f => $"<c r=\"{at}\" t=\"str\"><f>{SecurityElement.Escape(f.Expression)}</f><v>{SecurityElement.Escape(f.Saved)}</v></c>",
                        Formula f => $"<c r=\"{at}\"><f>{SecurityElement.Escape(f.Expression)}</f><v>{f.Saved}</v></c>",
                        Date d => $"<c r=\"{at}\" s=\"1\"><v>{d.Serial.ToString(CultureInfo.InvariantCulture)}</v></c>",
                        IFormattable number => $"<c r=\"{at}\"><v>{number.ToString(null, CultureInfo.InvariantCulture)}</v></c>",
                        var other => throw new ArgumentException(other.ToString()),
                    });
                }

                xml.Append("</row>");
            }

            xml.Append("</sheetData>");
            if (sheet.Merges.Length > 0)
            {
                xml.Append($"<mergeCells count=\"{sheet.Merges.Length}\">").Append(string.Concat(sheet.Merges.Select(m => $"<mergeCell ref=\"{m}\"/>"))).Append("</mergeCells>");
            }

            return xml.Append("</worksheet>").ToString();
        }

        private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);
    }
}
