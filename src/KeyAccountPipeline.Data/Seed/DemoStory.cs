using System.Text.Json;
using System.Text.Json.Serialization;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Seed;

/// <summary>
/// The demo's story as data: <c>demo-story.json</c>, embedded in this assembly. Who works on the team, the customers,
/// the note a rep writes at each checkpoint, and each deal's plan. Days are "days ago" in the organisation's time zone
/// and hours are hours of that day, so the story lands on whatever day it is seeded. <see cref="DemoStoryWriter"/>
/// replays it through the domain's own methods.
/// </summary>
internal sealed record DemoStory
{
    public const string ResourceName = "KeyAccountPipeline.Data.Seed.demo-story.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        // A misspelt field fails the start rather than silently dropping part of the story.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<DemoStory> Embedded = new(Read);

    public required IReadOnlyList<DemoPerson> People { get; init; }

    /// <summary>Numbered from 1; a deal names its customer by number.</summary>
    public required IReadOnlyList<DemoAccount> Accounts { get; init; }

    public required DemoCheckpointNotes CheckpointNotes { get; init; }

    /// <summary>In the order they are written: the seeded random draws in this order, so reordering changes the demo.</summary>
    public required IReadOnlyList<DemoDeal> Deals { get; init; }

    /// <summary>The embedded story, read once; <see cref="InvalidDataException"/> when it is missing or malformed.</summary>
    public static DemoStory Load() => Embedded.Value;

    private static DemoStory Read()
    {
        using var stream = typeof(DemoStory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The embedded resource {ResourceName} is missing.");
        return JsonSerializer.Deserialize<DemoStory>(stream, Json)
            ?? throw new InvalidDataException($"The embedded resource {ResourceName} is empty.");
    }
}

/// <param name="Login">The part of the email before <see cref="DemoSeeder.EmailDomain"/>; deals name their owner by it.</param>
internal sealed record DemoPerson(int Number, string Login, string Name, Role Role);

internal sealed record DemoAccount(int Number, string Name, string Industry, string Region);

/// <summary>
/// What a rep writes on reaching each level when a deal's plan has no note of its own. Texts hold placeholders in
/// braces (<c>{contact}</c>, <c>{decisionMaker}</c>, <c>{statedNeed}</c>…) that <see cref="DemoStoryWriter"/> fills from the deal.
/// </summary>
/// <param name="OtherLevel">For a level no entry of <paramref name="Levels"/> covers (an edited playbook's extra level).</param>
/// <param name="WhenUnknown">Stand-ins when a deal has no such stakeholder or goal.</param>
internal sealed record DemoCheckpointNotes(IReadOnlyList<DemoLevelNote> Levels, DemoNote OtherLevel, DemoUnknowns WhenUnknown);

internal sealed record DemoLevelNote(Factor Factor, int Level, string Note, EvidenceKind Evidence, string Detail);

internal sealed record DemoNote(string Note, EvidenceKind Evidence, string Detail);

internal sealed record DemoUnknowns(string Contact, string DecisionMaker, string Goal, string DepartmentGoals);

/// <summary>
/// One deal's plan. The writer climbs the ladders from the day after <see cref="StartedDaysAgo"/> to
/// <see cref="LastAdvanceDaysAgo"/>, stage gate by stage gate, up to <see cref="ClimbTo"/>; then applies
/// <see cref="LaterCheckpoints"/> (regressions, late advances), <see cref="Replacements"/>, <see cref="Activities"/>
/// and the <see cref="Ending"/>.
/// </summary>
internal sealed record DemoDeal
{
    /// <summary>The deal's fixed id is <see cref="DemoSeeder.DealId"/> of this number.</summary>
    public required int Number { get; init; }

    /// <summary>The customer's <see cref="DemoAccount.Number"/>.</summary>
    public required int Account { get; init; }

    /// <summary>The owner's <see cref="DemoPerson.Login"/>.</summary>
    public required string Owner { get; init; }

    public required string Title { get; init; }

    public required ServiceLine ServiceLine { get; init; }

    public required long AnnualValueYuan { get; init; }

    public required int StartedDaysAgo { get; init; }

    /// <summary>Negative for a target already passed (a closed deal).</summary>
    public required int TargetCloseInDays { get; init; }

    /// <summary>Levels reached by the generated climb, before any <see cref="LaterCheckpoints"/>.</summary>
    public required Levels ClimbTo { get; init; }

    /// <summary>Days ago of the generated climb's last upward change.</summary>
    public required int LastAdvanceDaysAgo { get; init; }

    /// <summary>What the customer asked for (the checkpoint notes' <c>{statedNeed}</c>).</summary>
    public required string StatedNeed { get; init; }

    /// <summary>The need behind the request (<c>{rootNeed}</c>).</summary>
    public required string RootNeed { get; init; }

    public required string Metric { get; init; }

    public required string ValueProposition { get; init; }

    public required string QuantifiedValue { get; init; }

    public required string Competitor { get; init; }

    /// <summary>The customer's lead on the project; the business contact when absent.</summary>
    public string? Lead { get; init; }

    /// <summary>The stakeholder map, drawn on the first day.</summary>
    public required IReadOnlyList<DemoStakeholder> Stakeholders { get; init; }

    /// <summary>This deal's own words for some levels of the climb, instead of <see cref="DemoStory.CheckpointNotes"/>.</summary>
    public IReadOnlyList<DemoDealNote> Notes { get; init; } = [];

    public IReadOnlyList<DemoCheckpoint> LaterCheckpoints { get; init; } = [];

    public IReadOnlyList<DemoReplacement> Replacements { get; init; } = [];

    public IReadOnlyList<DemoActivity> Activities { get; init; } = [];

    public DemoEnding? Ending { get; init; }
}

/// <param name="VetoStatus">Veto holders only.</param>
internal sealed record DemoStakeholder(string Name, string Title, string Department, StakeholderRole Role, string Goal, VetoStatus? VetoStatus = null)
{
    public StakeholderDetails Details => new(Name, Title, Department, Role, Goal, VetoStatus);
}

/// <summary>A level's note for one deal; the evidence defaults to the level's usual one.</summary>
internal sealed record DemoDealNote(Factor Factor, int Level, string Note, EvidenceKind? Evidence = null, string? Detail = null);

internal sealed record DemoCheckpoint(int DaysAgo, double Hour, Factor Factor, int Level, string Note, EvidenceKind Evidence, string Detail);

/// <summary>A stakeholder replaced by another (e.g. the decision maker left and a successor arrived).</summary>
/// <param name="Replaces">The departing stakeholder's name.</param>
internal sealed record DemoReplacement(int DaysAgo, double Hour, string Replaces, DemoStakeholder By);

/// <param name="By">Who logged it (a <see cref="DemoPerson.Login"/>); the owner when absent.</param>
internal sealed record DemoActivity(int DaysAgo, double Hour, ActivityKind Kind, string Summary, string? By = null);

/// <param name="Reason">Why it was won or lost; none for <see cref="DemoOutcome.OnHold"/>.</param>
internal sealed record DemoEnding(int DaysAgo, double Hour, DemoOutcome Outcome, string Note, CloseReason? Reason = null);

internal enum DemoOutcome
{
    Won,
    Lost,
    OnHold,
}
