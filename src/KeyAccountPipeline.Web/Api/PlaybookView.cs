using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Api;

public sealed record LevelView(int Level, string Text);

public sealed record FactorView(Factor Key, string Name, string Question, int MaxLevel, IReadOnlyList<LevelView> Levels);

public sealed record StageView(string Key, int Order, string Name, Levels Gate, int StallAfterDays);

/// <summary>The playbook as <c>GET /api/playbook</c> shows it: texts in the request's language, stages in order.</summary>
public sealed record PlaybookView(int Version, IReadOnlyList<FactorView> Factors, IReadOnlyList<StageView> Stages, SignalSettings Signals)
{
    /// <summary>The playbook in the request's language (Accept-Language: zh-CN or en).</summary>
    public static PlaybookView Of(Playbook playbook) => new(
        playbook.Version,
        playbook.Factors.Select(f => new FactorView(f.Key, f.Name.Current, f.Question.Current, f.MaxLevel,
            f.Levels.Select((text, level) => new LevelView(level, text.Current)).ToList())).ToList(),
        playbook.Stages.OrderBy(s => s.Order).Select(s => new StageView(s.Key, s.Order, s.Name.Current, s.Gate, s.StallAfterDays)).ToList(),
        playbook.Signals);
}
