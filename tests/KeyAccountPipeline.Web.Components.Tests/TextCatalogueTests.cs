namespace KeyAccountPipeline.Web.Components.Tests;

using System.Reflection;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;

/// <summary>
/// The product's words live in two catalogues (docs/translation.md): Domain's <see cref="RuleTexts"/> and Web's
/// <see cref="Ui"/>. Every pair there reads in both languages, and no other source file writes Chinese of its own.
/// </summary>
public sealed partial class TextCatalogueTests
{
    private static readonly Type[] Catalogues = [typeof(RuleTexts), typeof(Ui)];

    // The same in both languages on purpose, or English that shows Chinese on purpose.
    private static readonly HashSet<string> AlikeOnPurpose =
    [
        "Ui.SwitchLanguage", // the switch names the other language in its own words: 中文 on an English page
        "Ui.ChangeBy", // "{0} · {1}": a layout of two values, no words
    ];

    // Source files that may write Chinese outside the catalogues: the demo's story (its data and the writer that joins its
    // Chinese phrases), the playbook's shipped words, the words an import recognises in people's own files (header
    // variants such as 客户名称, amounts in 万, dates as 2026年11月30日: matched, never shown), and the catalogues themselves.
    private static readonly string[] MayWriteChinese =
    [
        "src/KeyAccountPipeline.Web/Texts/",
        "src/KeyAccountPipeline.Domain/RuleTexts",
        "src/KeyAccountPipeline.Data/Seed/",
        "src/KeyAccountPipeline.Domain/Playbooks/DefaultPlaybook.cs",
        "src/KeyAccountPipeline.Data/Imports/ImportColumns.cs",
        "src/KeyAccountPipeline.Data/Imports/ImportCells.cs",
    ];

    [Fact]
    public void EveryCataloguePairHasChineseAndEnglishThatDiffer()
    {
        var pairs = AllPairs().ToList();
        Assert.True(pairs.Count > 300, $"Only {pairs.Count} pairs found: the reflection over the catalogues missed some.");
        var broken = pairs
            .Where(p => string.IsNullOrWhiteSpace(p.Text.Zh) || string.IsNullOrWhiteSpace(p.Text.En)
                || (!AlikeOnPurpose.Contains(p.Name) && (p.Text.Zh == p.Text.En || Chinese().IsMatch(p.Text.En))))
            .Select(p => $"{p.Name}: \"{p.Text.Zh}\" / \"{p.Text.En}\"")
            .ToList();
        Assert.True(broken.Count == 0, "Pairs without two different languages:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void NoSourceFileOutsideTheCataloguesWritesChinese()
    {
        var root = RepositoryFolder.Root();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains("src/KeyAccountPipeline.Domain/Deals/Deal.cs", files);

        var found = files
            .Where(f => !MayWriteChinese.Any(allowed => f.StartsWith(allowed, StringComparison.Ordinal)))
            .SelectMany(f => File.ReadLines(Path.Combine(root, f)).Select((line, i) => (File: f, Line: i + 1, Text: line.Trim())))
            .Where(l => !IsComment(l.Text) && Chinese().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(found.Count == 0, "Chinese outside the catalogues (move it into RuleTexts or Ui):\n" + string.Join("\n", found));
    }

    [Fact]
    public void TheSourceScanFindsChineseInAStringLiteralButNotInAComment()
    {
        Assert.Matches(Chinese(), "throw new DomainException(\"note\", new(\"倒退必须写明原因。\", \"A regression needs a reason.\"));");
        Assert.True(IsComment("/// <c>ＴＣＬ华星物流（全角）</c>"));
        Assert.False(IsComment("<a lang=\"zh-CN\">中文</a>"));
    }

    /// <summary>Every Localized in the catalogues: fields, enum labels for every value, and messages built from arguments.</summary>
    private static IEnumerable<(string Name, Localized Text)> AllPairs()
    {
        foreach (var type in Catalogues)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Localized)))
            {
                yield return ($"{type.Name}.{field.Name}", (Localized)field.GetValue(null)!);
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Localized)))
            {
                var parameters = method.GetParameters();
                if (parameters is [{ ParameterType.IsEnum: true } only])
                {
                    foreach (var value in Enum.GetValues(only.ParameterType))
                    {
                        yield return ($"{type.Name}.{method.Name}({value})", (Localized)method.Invoke(null, [value])!);
                    }
                }
                else
                {
                    yield return ($"{type.Name}.{method.Name}(…)", (Localized)method.Invoke(null, parameters.Select(p => Sample(p.ParameterType)).ToArray())!);
                }
            }
        }
    }

    private static object Sample(Type type) =>
        type == typeof(int) ? 3
        : type == typeof(long) ? 10L
        : type.IsEnum ? Enum.GetValues(type).GetValue(0)!
        : type == typeof(string) ? "x"
        : type == typeof(Guid) ? Guid.Empty
        : type == typeof(Localized) ? new Localized("甲", "A")
        : type == typeof(IReadOnlyList<string>) ? new[] { "x" }
        : type == typeof(IReadOnlyList<Localized>) ? new[] { new Localized("甲", "A") }
        : throw new InvalidOperationException($"Add a sample {type} for the catalogue test.");

    private static bool IsComment(string trimmed) =>
        trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("/*", StringComparison.Ordinal)
        || trimmed.StartsWith('*') || trimmed.StartsWith("@*", StringComparison.Ordinal);

    // CJK ideographs and the full-width punctuation that comes with them.
    [GeneratedRegex(@"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")]
    private static partial Regex Chinese();
}
