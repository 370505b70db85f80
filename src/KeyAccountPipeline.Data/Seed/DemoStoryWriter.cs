using System.Text.RegularExpressions;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;

namespace KeyAccountPipeline.Data.Seed;

/// <summary>
/// Replays <see cref="DemoStory"/>'s deal plans through the domain's own methods, back-dated relative to
/// <paramref name="now"/>: every change is recorded 1-3 hours after it happened (drawn from <paramref name="random"/>),
/// never before the previous recording and never after now. The same story, clock and seed give the same deals.
/// </summary>
internal sealed partial class DemoStoryWriter(DemoStory story, Playbook playbook, OrgCalendar calendar, DateTimeOffset now, Random random)
{
    private readonly DateOnly _today = calendar.LocalDate(now);
    private readonly Dictionary<string, Guid> _people = story.People.ToDictionary(p => p.Login, p => DemoSeeder.PersonId(p.Number));
    private readonly Dictionary<(Factor, int), DemoLevelNote> _levelNotes =
        story.CheckpointNotes.Levels.ToDictionary(n => (n.Factor, n.Level));

    private DateTimeOffset At(int daysAgo, double hour)
    {
        var at = calendar.StartOfDay(_today.AddDays(-daysAgo)).AddHours(hour);
        return at > now ? now : at;
    }

    private Guid Person(string login) =>
        _people.TryGetValue(login, out var id) ? id : throw new InvalidDataException($"The demo story names no person '{login}'.");

    public Deal Write(DemoDeal plan, Account account)
    {
        var owner = Person(plan.Owner);
        var deal = Deal.Create(DemoSeeder.DealId(plan.Number), account.Id, owner,
            new DealDetails(plan.Title, plan.ServiceLine, plan.AnnualValueYuan * 100, _today.AddDays(plan.TargetCloseInDays),
                _today.AddDays(-plan.StartedDaysAgo)),
            owner, At(plan.StartedDaysAgo, 9));
        var notes = new DealNotes(plan, account, playbook, story.CheckpointNotes, _levelNotes);
        var steps = new List<(DateTimeOffset At, Action<DateTimeOffset> Apply)>();

        // The stakeholder map is drawn on the first day.
        var map = new Dictionary<string, Stakeholder>();
        for (var i = 0; i < plan.Stakeholders.Count; i++)
        {
            var party = plan.Stakeholders[i];
            steps.Add((At(plan.StartedDaysAgo, 16 + (i * 0.1)), recorded => map[party.Name] = deal.AddStakeholder(party.Details, owner, recorded)));
        }

        // The climb: level by level, stage gate by stage gate, spread from the day after the start to the last advance.
        var climb = Climb(plan, notes).ToList();
        var first = plan.StartedDaysAgo - 1;
        var perDay = new Dictionary<int, int>();
        for (var i = 0; i < climb.Count; i++)
        {
            var (factor, level) = climb[i];
            var daysAgo = climb.Count == 1
                ? plan.LastAdvanceDaysAgo
                : first - (int)Math.Round((double)i * (first - plan.LastAdvanceDaysAgo) / (climb.Count - 1));
            var slot = perDay.GetValueOrDefault(daysAgo);
            perDay[daysAgo] = slot + 1;
            var (note, evidence) = notes.At(factor, level);
            var occurred = At(daysAgo, 10 + (slot * 1.25));
            steps.Add((occurred, recorded => deal.RecordCheckpoint(playbook, factor, level, note, evidence, occurred, owner, recorded, calendar)));
        }

        foreach (var checkpoint in plan.LaterCheckpoints)
        {
            var occurred = At(checkpoint.DaysAgo, checkpoint.Hour);
            steps.Add((occurred, recorded => deal.RecordCheckpoint(playbook, checkpoint.Factor, checkpoint.Level, checkpoint.Note,
                new Evidence(checkpoint.Evidence, checkpoint.Detail), occurred, owner, recorded, calendar)));
        }

        foreach (var replacement in plan.Replacements)
        {
            void Replace(DateTimeOffset recorded)
            {
                deal.RemoveStakeholder(map[replacement.Replaces].Id, owner, recorded);
                map[replacement.By.Name] = deal.AddStakeholder(replacement.By.Details, owner, recorded);
            }

            steps.Add((At(replacement.DaysAgo, replacement.Hour), Replace));
        }

        foreach (var activity in plan.Activities)
        {
            var occurred = At(activity.DaysAgo, activity.Hour);
            var loggedBy = activity.By is { } login ? Person(login) : owner;
            steps.Add((occurred, recorded => deal.LogActivity(activity.Kind, occurred, activity.Summary, loggedBy, recorded, calendar)));
        }

        if (plan.Ending is { } ending)
        {
            void End(DateTimeOffset recorded)
            {
                if (ending.Outcome == DemoOutcome.OnHold)
                {
                    deal.PutOnHold(ending.Note, owner, recorded);
                }
                else
                {
                    var reason = ending.Reason ?? throw new InvalidDataException($"Demo deal {plan.Number} ends without a reason.");
                    deal.Close(ending.Outcome == DemoOutcome.Won ? CloseOutcome.Won : CloseOutcome.Lost, reason, ending.Note, owner, recorded);
                }
            }

            steps.Add((At(ending.DaysAgo, ending.Hour), End));
        }

        // Apply in time order (stable for equal instants).
        var lastRecorded = DateTimeOffset.MinValue;
        foreach (var (occurred, apply) in steps.OrderBy(s => s.At))
        {
            var recorded = occurred.AddMinutes(random.Next(60, 181));
            recorded = recorded < lastRecorded ? lastRecorded : recorded;
            recorded = recorded > now ? now : recorded;
            lastRecorded = recorded;
            apply(recorded);
        }

        return deal;
    }

    /// <summary>
    /// The order a rep climbs in: meet each stage's gate in turn (factors interleaved, one level at a
    /// time), then finish at the plan's levels. Now and then a level without a note of the deal's own is skipped.
    /// </summary>
    private IEnumerable<(Factor Factor, int Level)> Climb(DemoDeal plan, DealNotes notes)
    {
        var final = Lower(plan.ClimbTo, playbook.TopLevels);
        var targets = playbook.Stages.OrderBy(s => s.Order).Select(s => s.Gate).Append(final);
        var current = Levels.Zero;
        foreach (var gate in targets)
        {
            var goal = Lower(gate, final);
            while (!current.Meets(goal))
            {
                foreach (var factor in Factors.All)
                {
                    if (current[factor] >= goal[factor])
                    {
                        continue;
                    }

                    var next = current[factor] + 1;
                    if (goal[factor] - current[factor] >= 2 && !notes.HasOwn(factor, next) && random.NextDouble() < 0.1)
                    {
                        next++;
                    }

                    current = current.With(factor, next);
                    yield return (factor, next);
                }
            }
        }
    }

    /// <summary>Each factor's lower level of the two.</summary>
    private static Levels Lower(Levels levels, Levels max) =>
        Factors.All.Aggregate(levels, (lowered, factor) => lowered.With(factor, Math.Min(levels[factor], max[factor])));

    /// <summary>The note and evidence a deal's checkpoint gets: the deal's own note, or the level's usual one filled in.</summary>
    private sealed partial class DealNotes(
        DemoDeal plan, Account account, Playbook playbook, DemoCheckpointNotes usual, Dictionary<(Factor, int), DemoLevelNote> levelNotes)
    {
        private readonly Dictionary<(Factor, int), DemoDealNote> _own = plan.Notes.ToDictionary(n => (n.Factor, n.Level));

        private readonly Dictionary<string, string> _values = Values(plan, account, usual.WhenUnknown);

        public bool HasOwn(Factor factor, int level) => _own.ContainsKey((factor, level));

        public (string Note, Evidence Evidence) At(Factor factor, int level)
        {
            var (note, kind, detail) = levelNotes.TryGetValue((factor, level), out var template)
                ? (Fill(template.Note, factor, level), template.Evidence, Fill(template.Detail, factor, level))
                : (Fill(usual.OtherLevel.Note, factor, level), usual.OtherLevel.Evidence, Fill(usual.OtherLevel.Detail, factor, level));
            if (_own.TryGetValue((factor, level), out var own))
            {
                note = own.Note;
                kind = own.Evidence ?? kind;
                detail = own.Detail ?? detail;
            }

            return (note, new Evidence(kind, detail));
        }

        /// <summary>Replaces each <c>{name}</c> in one pass, so a value containing braces is left as it is.</summary>
        private string Fill(string text, Factor factor, int level) => Placeholder().Replace(text, match =>
            match.Groups[1].Value == "ladderText" ? LadderText(factor, level)
            : _values.TryGetValue(match.Groups[1].Value, out var value) ? value
            : throw new InvalidDataException($"The demo story's note \"{text}\" names an unknown placeholder {match.Value}."));

        private string LadderText(Factor factor, int level) =>
            playbook.Factor(factor).Levels is var levels && level < levels.Count ? levels[level].Zh : $"{factor} {level}";

        private static Dictionary<string, string> Values(DemoDeal plan, Account account, DemoUnknowns unknown)
        {
            var contact = Who(plan, StakeholderRole.BusinessContact, unknown.Contact);
            var vetoGoals = plan.Stakeholders.Where(p => p.Role == StakeholderRole.VetoHolder)
                .Select(p => $"{p.Department}：{p.Goal}").ToList();
            return new()
            {
                ["contact"] = contact,
                ["decisionMaker"] = Who(plan, StakeholderRole.DecisionMaker, unknown.DecisionMaker),
                ["lead"] = plan.Lead ?? contact,
                ["contactGoal"] = GoalOf(plan, StakeholderRole.BusinessContact, unknown.Goal),
                ["decisionMakerGoal"] = GoalOf(plan, StakeholderRole.DecisionMaker, unknown.Goal),
                ["departmentGoals"] = vetoGoals.Count > 0 ? string.Join("；", vetoGoals) : unknown.DepartmentGoals,
                ["industry"] = account.Industry,
                ["statedNeed"] = plan.StatedNeed,
                ["rootNeed"] = plan.RootNeed,
                ["metric"] = plan.Metric,
                ["valueProposition"] = plan.ValueProposition,
                ["quantifiedValue"] = plan.QuantifiedValue,
                ["competitor"] = plan.Competitor,
            };
        }

        private static string Who(DemoDeal plan, StakeholderRole role, string unknown) =>
            plan.Stakeholders.FirstOrDefault(p => p.Role == role) is { } p ? $"{p.Title}{p.Name}" : unknown;

        private static string GoalOf(DemoDeal plan, StakeholderRole role, string unknown) =>
            plan.Stakeholders.FirstOrDefault(p => p.Role == role)?.Goal ?? unknown;

        [GeneratedRegex(@"\{(\w+)\}")]
        private static partial Regex Placeholder();
    }
}
