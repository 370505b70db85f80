namespace KeyAccountPipeline.Data.Imports;

/// <summary>
/// One import as kept (issue 16 §7): who uploaded which file when (UTC), the file's bytes (so the preview and the errors
/// file are read again from the file itself), the columns' fields as JSON, its status, the counts of its latest preview
/// and, once run, its outcome. A record of the Data layer, not a domain aggregate: it holds no rule of the method.
/// </summary>
public sealed class ImportRecord
{
    public Guid Id { get; set; }

    public string FileName { get; set; } = string.Empty;

    public Guid ImportedById { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public byte[] Content { get; set; } = [];

    /// <summary>The field of each column, by name (null: left out), as a JSON array.</summary>
    public string Mapping { get; set; } = "[]";

    public ImportStatus Status { get; set; }

    public int Rows { get; set; }

    public int New { get; set; }

    public int Updates { get; set; }

    public int Unchanged { get; set; }

    public int Matches { get; set; }

    public int Errors { get; set; }

    /// <summary>When the commit ended (committed or cancelled); null before.</summary>
    public DateTimeOffset? CommittedAt { get; set; }

    // The outcome's counts: what the commit wrote so far (kept after each batch).
    public int Created { get; set; }

    public int Updated { get; set; }

    public int Skipped { get; set; }

    public int UnchangedWritten { get; set; }

    public int ErrorsLeft { get; set; }

    /// <summary>The commit's outcome; null before it started.</summary>
    public ImportOutcome? Outcome => Status == ImportStatus.Previewed
        ? null
        : new ImportOutcome(Created, Updated, UnchangedWritten, Skipped, ErrorsLeft, Status == ImportStatus.Cancelled);
}
