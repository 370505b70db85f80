using System.Globalization;
using System.Text;

namespace KeyAccountPipeline.Domain;

/// <summary>
/// The folded form of a text that search, filters and account matching compare: <c>ＴＣＬ华星物流（全角）</c>,
/// <c>TCL华星物流(全角)</c> and <c>tcl华星物流(全角)</c> have one key, and so have <c>ÄRZTE</c>, <c>ärzte</c> and
/// <c>A</c>+U+0308<c>RZTE</c>. Computed here, in C#, and stored beside the text, because the databases fold
/// differently (SQLite's <c>lower()</c> knows only ASCII; PostgreSQL's depends on the server's collation): comparing
/// stored keys with <c>=</c> or a substring test gives the same answer on every provider.
/// See docs/decisions/0008-text-keys.md.
/// </summary>
public static class TextKey
{
    /// <summary>
    /// The longest key kept, in UTF-16 code units: three times the longest name, so any name typed by a person keeps
    /// its whole key, while a key of expanding compatibility characters (one U+FDFA is 18 letters) stays within
    /// PostgreSQL's limit for an indexed value (at most 3 UTF-8 bytes per code unit: 1,800 bytes).
    /// </summary>
    public const int MaxLength = 3 * Limits.Name;

    /// <summary>
    /// The key of <paramref name="text"/>: compatibility-normalised (NFKC: full-width letters, digits and
    /// punctuation become their ordinary forms, combining accents join their letters), case-folded without regard
    /// to culture (upper-cased, then lower-cased, so final ς meets σ; ß and ẞ fold to "ss"; ı, I, İ and i meet),
    /// invisible format characters (zero-width space, soft hyphen, byte order mark) dropped, runs of white space
    /// made one space and trimmed; cut to <see cref="MaxLength"/>. Empty for null or blank text. Pure: the same
    /// text always gives the same key.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                space = builder.Length > 0;
                continue;
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            switch (rune.Value)
            {
                case 0x00DF or 0x1E9E:
                    // Full case folding of the sharp s, which simple case mapping leaves as it is: Straße = STRASSE.
                    builder.Append("ss");
                    continue;
                case 0x0130 or 0x0131:
                    // Turkish dotted capital İ and dotless ı, which invariant casing leaves as they are: İSTANBUL = istanbul.
                    builder.Append('i');
                    continue;
            }

            var written = Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)).EncodeToUtf16(buffer);
            builder.Append(buffer[..written]);
        }

        var folded = builder.ToString();
        if (!folded.IsNormalized(NormalizationForm.FormKC))
        {
            // Changing case can leave a letter and a combining mark that compose; the key stays in one form.
            folded = folded.Normalize(NormalizationForm.FormKC);
        }

        return Cap(folded);
    }

    private static string Cap(string folded)
    {
        if (folded.Length <= MaxLength)
        {
            return folded;
        }

        // Never cut between the halves of a surrogate pair.
        var length = char.IsHighSurrogate(folded[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return folded[..length].TrimEnd();
    }
}
