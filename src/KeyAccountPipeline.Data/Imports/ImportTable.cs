namespace KeyAccountPipeline.Data.Imports;

/// <summary>
/// A spreadsheet or CSV file as read (<see cref="ImportFiles.Read"/>): the header row's texts and each data row's cells, in
/// column order. Cells are what the file holds: <see cref="string"/>, <see cref="double"/>, <see cref="DateTime"/>,
/// <see cref="bool"/> or null; a formula is its cached value, never evaluated. Rows with every cell empty are left out.
/// </summary>
public sealed record ImportTable(IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows);

/// <summary>
/// One data row. <paramref name="Number"/> is the row number a person sees in Excel (the header is row 1, so the first data
/// row is 2), or for CSV the record's number counted the same way. <paramref name="Cells"/> has one entry per header.
/// </summary>
public sealed record ImportRow(int Number, IReadOnlyList<object?> Cells);
