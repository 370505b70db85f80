using KeyAccountPipeline.Domain.Deals;

namespace KeyAccountPipeline.Data.Imports;

// CONTRACT (lead): the files helper owns this file and replaces the bodies.

/// <summary>Reads one cell as the value its field needs. Each Try method is false for a cell it cannot read; an empty cell is null/false.</summary>
public static class ImportCells
{
    /// <summary>The cell as trimmed text (a number in invariant form, a date as yyyy-MM-dd); null when empty.</summary>
    public static string? Text(object? cell) => throw new NotImplementedException();

    /// <summary>A day: an Excel date or serial number, or text as 2026-11-30, 2026/11/30, 30.11.2026 or 2026年11月30日.</summary>
    public static bool TryDay(object? cell, out DateOnly day) => throw new NotImplementedException();

    /// <summary>Yuan: a number, or text with thousands separators, a ¥/CNY/元 mark, or 万 (× 10,000).</summary>
    public static bool TryAmount(object? cell, out decimal yuan) => throw new NotImplementedException();

    /// <summary>A whole non-negative level ("3", 3.0); the ladder's range is the caller's check.</summary>
    public static bool TryLevel(object? cell, out int level) => throw new NotImplementedException();

    /// <summary>A service line by its English or Chinese name, ignoring case and spaces ("Contract logistics", "仓储").</summary>
    public static bool TryServiceLine(object? cell, out ServiceLine line) => throw new NotImplementedException();
}
