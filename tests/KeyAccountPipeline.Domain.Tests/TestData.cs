using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using Microsoft.Extensions.Time.Testing;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>Shared builders: a default playbook, a deal, and an organisation calendar in Shanghai.</summary>
internal static class TestData
{
    public static readonly Guid Actor = Guid.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly Guid Owner = Guid.Parse("22222222-2222-2222-2222-222222222222");
    public static readonly Guid AccountId = Guid.Parse("33333333-3333-3333-3333-333333333333");

    /// <summary>2026-03-20 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 20, 2, 0, 0, TimeSpan.Zero);

    public static TimeZoneInfo Shanghai => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static Playbook Playbook { get; } = DefaultPlaybook.Create();

    /// <summary>The organisation's calendar in Shanghai, its clock at <see cref="Now"/>.</summary>
    public static OrgCalendar Calendar { get; } = new(new FakeTimeProvider(Now), Shanghai);

    public static DealDetails Details(string title = "3C national distribution") =>
        new(title, ServiceLine.Warehousing, 1_200_000_00, new DateOnly(2026, 9, 30), new DateOnly(2026, 3, 1));

    /// <summary>A deal started on 1 March 2026, or on <paramref name="startedOn"/>, created <paramref name="createdAt"/>.</summary>
    public static Deal NewDeal(DateTimeOffset? createdAt = null, DateOnly? startedOn = null) =>
        Deal.Create(Guid.NewGuid(), AccountId, Owner, Details() with { StartedOn = startedOn ?? Details().StartedOn }, Actor, createdAt ?? Now.AddDays(-19));

    /// <summary>Raises or lowers <paramref name="factor"/> with a valid note, dated <paramref name="occurredAt"/>.</summary>
    public static CheckpointChange Record(this Deal deal, Factor factor, int level, DateTimeOffset occurredAt, DateTimeOffset? now = null) =>
        deal.RecordCheckpoint(Playbook, factor, level, $"{factor} to {level}", new Evidence(EvidenceKind.Visit, "visit"),
            occurredAt, Actor, now ?? Now, TestData.Calendar);

    public static (FakeTimeProvider Time, OrgCalendar Calendar) CalendarAt(DateTimeOffset utcNow)
    {
        var time = new FakeTimeProvider(utcNow);
        return (time, new OrgCalendar(time, Shanghai));
    }

    public static StageDefinition Stage(string key) =>
        Playbook.FindStage(key) ?? throw new InvalidOperationException($"No stage {key} in the default playbook.");
}
