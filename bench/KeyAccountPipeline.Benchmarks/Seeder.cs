using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using Npgsql;
using NpgsqlTypes;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace KeyAccountPipeline.Benchmarks;

internal sealed record SeedResult(int People, int Accounts, int Deals, int Checkpoints, int Activities, TimeSpan Elapsed);

/// <summary>
/// Loads a large pipeline with binary COPY, straight into the tables of the PostgreSQL migration.
/// Every deal's cached state (level and changed-at per factor, last upward change, last regression,
/// version) is what its checkpoint history says: the last change of a factor gives its level.
/// Deterministic: a fixed random seed, times relative to the moment the run starts.
/// </summary>
internal sealed class Seeder(NpgsqlDataSource dataSource, Playbook playbook, DateTimeOffset now)
{
    private const int OlderYearsDays = 730;

    /// <summary>Deals generated and copied together: at 100 changes a deal, 50,000 history rows a COPY.</summary>
    private const int ChunkDeals = 500;

    private static readonly string[] Cities = ["上海 Shanghai", "苏州 Suzhou", "宁波 Ningbo", "深圳 Shenzhen", "东莞 Dongguan", "成都 Chengdu", "武汉 Wuhan", "天津 Tianjin", "青岛 Qingdao", "厦门 Xiamen"];
    private static readonly string[] Trades = ["电子 Electronics", "家电 Appliances", "医药 Pharma", "汽配 Auto Parts", "食品 Foods", "服饰 Apparel", "日化 Home Care", "新能源 New Energy"];
    private static readonly string[] Regions = ["华东 East", "华南 South", "华北 North", "西南 Southwest", "华中 Central"];

    private static readonly string[] UpNotes =
    [
        "与业务对接人会面，确认了仓储容量与时效要求 Met the business contact; capacity and lead-time needs confirmed",
        "决策人参加了方案评审，反馈积极 Decision maker joined the solution review and responded well",
        "客户发来书面确认邮件 Customer confirmed in writing by email",
        "完成现场调研并提交报告 Site survey done and report delivered",
    ];

    private static readonly string[] DownNotes =
    [
        "对接人离职，需重新建立关系 Our contact left the company; relationship to rebuild",
        "客户预算冻结，决策人暂缓 Budget frozen; the decision maker put it on hold",
        "竞争对手报价更低，价值认可动摇 A cheaper competitor shook the value case",
    ];

    private static readonly string[] ActivitySummaries =
    [
        "电话跟进报价细节 Follow-up call on pricing details",
        "拜访仓库现场 Visited the warehouse site",
        "发送案例资料 Sent reference cases",
        "与采购部开会 Meeting with procurement",
    ];

    private readonly Random _random = new(20261127);
    private readonly List<Guid> _reps = [];
    private readonly List<SeededDeal> _deals = [];

    public async Task<SeedResult> SeedAsync(int accounts, int deals, int checkpointsPerDeal, int activitiesPerDeal)
    {
        var clock = Stopwatch.StartNew();
        var people = People();
        var accountRows = Enumerable.Range(1, accounts).Select(n => (
            Id: Guid.CreateVersion7(now),
            Name: $"{Cities[n % Cities.Length]} {Trades[n % Trades.Length]} {n:D3}",
            Industry: Trades[n % Trades.Length].Split(' ', 2)[1],
            Region: Regions[n % Regions.Length])).ToList();

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var w = await connection.BeginBinaryImportAsync("""COPY "People" ("Id", "Name", "Email", "Role", "Active") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var p in people)
            {
                await w.StartRowAsync();
                await w.WriteAsync(p.Id, NpgsqlDbType.Uuid);
                await w.WriteAsync(p.Name, NpgsqlDbType.Varchar);
                await w.WriteAsync(p.Email, NpgsqlDbType.Varchar);
                await w.WriteAsync(p.Role.ToString(), NpgsqlDbType.Varchar);
                await w.WriteAsync(true, NpgsqlDbType.Boolean);
            }

            await w.CompleteAsync();
        }

        await using (var w = await connection.BeginBinaryImportAsync("""COPY "Accounts" ("Id", "Name", "Industry", "Region") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var a in accountRows)
            {
                await w.StartRowAsync();
                await w.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                await w.WriteAsync(a.Name, NpgsqlDbType.Varchar);
                await w.WriteAsync(a.Industry, NpgsqlDbType.Varchar);
                await w.WriteAsync(a.Region, NpgsqlDbType.Varchar);
            }

            await w.CompleteAsync();
        }

        // Generated and copied a chunk of deals at a time, so a million history rows never sit in memory at once.
        var batch = new Batch(ChunkDeals, checkpointsPerDeal, activitiesPerDeal);
        for (var n = 1; n <= deals; n++)
        {
            var owner = _reps[_random.Next(_reps.Count)];
            var start = now - Days(_random.Next(300, 730));
            var gapDays = _random.NextDouble() switch
            {
                < 0.55 => _random.Next(0, 14),
                < 0.80 => _random.Next(14, 45),
                _ => _random.Next(45, 240),
            };
            var lastChange = now - Days(gapDays) - TimeSpan.FromMinutes(_random.Next(5, 600));
            var deal = new SeededDeal(Guid.CreateVersion7(start), owner, start);
            _deals.Add(deal);

            var target = TargetLevels();
            var history = History(deal, start, lastChange, checkpointsPerDeal, f => target[f]);
            batch.Deals.Add(deal);
            batch.Checkpoints.AddRange(history);
            batch.Activities.AddRange(Activities(deal, start, now - TimeSpan.FromMinutes(1), activitiesPerDeal));
            batch.DealRows.Add(DealRow.From(deal, n, accountRows[_random.Next(accountRows.Count)].Id, _random, now, history));
            if (batch.Deals.Count == ChunkDeals || n == deals)
            {
                await batch.CopyAsync(connection);
            }
        }

        await VacuumAnalyzeAsync(connection);
        return new SeedResult(people.Count, accounts, deals, batch.CheckpointsCopied, batch.ActivitiesCopied, clock.Elapsed);
    }

    /// <summary>
    /// Older history: each deal gets <paramref name="checkpointsPerDeal"/> changes and <paramref name="activitiesPerDeal"/>
    /// activities more (as many again doubles the history; nine times as many makes it ten-fold), dated in the two years
    /// before its current history (an earlier climb that fell back to zero), so the deals, their cached levels and the
    /// last 30 days stay exactly as they were.
    /// </summary>
    public async Task<SeedResult> AddOlderHistoryAsync(int checkpointsPerDeal, int activitiesPerDeal)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        var chunk = new Batch(ChunkDeals, checkpointsPerDeal, activitiesPerDeal);
        for (var i = 0; i < _deals.Count; i++)
        {
            var deal = _deals[i];
            var from = deal.HistoryStart - Days(OlderYearsDays);
            var to = deal.HistoryStart - Days(1);
            chunk.Checkpoints.AddRange(History(deal, from, to, checkpointsPerDeal, _ => 0));
            chunk.Activities.AddRange(Activities(deal, from, to, activitiesPerDeal));
            if ((i + 1) % ChunkDeals == 0 || i == _deals.Count - 1)
            {
                await chunk.CopyAsync(connection);
            }
        }

        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                UPDATE "Deals" SET "StartedOn" = "StartedOn" - {OlderYearsDays}, "CreatedAt" = "CreatedAt" - interval '{OlderYearsDays} days',
                                   "Version" = "Version" + {checkpointsPerDeal}
                """));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"""UPDATE "DealEvents" SET "OccurredAt" = "OccurredAt" - interval '{OlderYearsDays} days' WHERE "Kind" = 'Created'"""));
            await batch.ExecuteNonQueryAsync();
        }

        await VacuumAnalyzeAsync(connection);
        return new SeedResult(0, 0, 0, chunk.CheckpointsCopied, chunk.ActivitiesCopied, clock.Elapsed);
    }

    private static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    /// <summary>PostgreSQL keeps microseconds; rounding here keeps the cached changed-at equal to the history's.</summary>
    private static DateTimeOffset Micro(DateTimeOffset t) => new(t.Ticks - (t.Ticks % 10), TimeSpan.Zero);

    private List<Person> People()
    {
        var people = new List<Person>
        {
            new(Guid.CreateVersion7(now), "赵建国 Zhao Jianguo", "zhao.jianguo@bench.keyaccount.cn", Role.Manager),
            new(Guid.CreateVersion7(now), "周敏 Zhou Min", "zhou.min@bench.keyaccount.cn", Role.Manager),
        };
        for (var n = 1; n <= 12; n++)
        {
            var rep = new Person(Guid.CreateVersion7(now), $"销售 Rep {n:D2}", $"rep{n:D2}@bench.keyaccount.cn", Role.Rep);
            people.Add(rep);
            _reps.Add(rep.Id);
        }

        return people;
    }

    /// <summary>Where the deal ends up: a stage drawn from a funnel shape, levels at or a bit above its gate.</summary>
    private Levels TargetLevels()
    {
        var roll = _random.NextDouble();
        var order = roll switch { < 0.25 => 1, < 0.50 => 2, < 0.70 => 3, < 0.85 => 4, < 0.95 => 5, _ => 6 };
        var gate = playbook.Stages.Single(s => s.Order == order).Gate;
        var top = playbook.TopLevels;
        var levels = Levels.Zero;
        foreach (var f in Enum.GetValues<Factor>())
        {
            levels = levels.With(f, Math.Min(top[f], gate[f] + _random.Next(0, order == 1 ? 3 : 2)));
        }

        return levels;
    }

    /// <summary>
    /// <paramref name="count"/> changes spread over [from, to], the factors interleaved, each factor
    /// climbing with an occasional fall and ending at its target level. A hundred changes on ladders
    /// of five or six levels cannot all go up: about one change in five is a fall.
    /// </summary>
    private List<CheckpointRow> History(SeededDeal deal, DateTimeOffset from, DateTimeOffset to, int count, Func<Factor, int> target)
    {
        var span = (to - from).Ticks;
        var times = Enumerable.Range(0, count).Select(_ => Micro(from + TimeSpan.FromTicks((long)(span * _random.NextDouble())))).Order().ToList();
        times[^1] = Micro(to);
        var factors = Enumerable.Range(0, count).Select(i => (Factor)(i % 5)).ToArray();
        _random.Shuffle(factors);
        var walks = Enum.GetValues<Factor>().ToDictionary(f => f,
            f => new Queue<int>(Walk(factors.Count(x => x == f), target(f), playbook.Factor(f).MaxLevel)));
        var current = Enum.GetValues<Factor>().ToDictionary(f => f, _ => 0);
        var recordedFloor = from;
        var rows = new List<CheckpointRow>(count);
        for (var i = 0; i < count; i++)
        {
            var factor = factors[i];
            var level = walks[factor].Dequeue();
            var down = level < current[factor];
            var recorded = Micro(Max(recordedFloor, Min(now, times[i] + TimeSpan.FromMinutes(_random.Next(1, 360)))));
            recordedFloor = recorded;
            var evidence = _random.NextDouble() < 0.7 ? (EvidenceKind?)(EvidenceKind)_random.Next(0, 5) : null;
            rows.Add(new CheckpointRow(Guid.CreateVersion7(recorded), deal.Id, factor, current[factor], level, times[i], recorded, deal.OwnerId,
                down ? DownNotes[_random.Next(DownNotes.Length)] : UpNotes[_random.Next(UpNotes.Length)],
                evidence, evidence is null ? null : "会议纪要 Minutes, CRM #" + _random.Next(10_000, 99_999)));
            current[factor] = level;
        }

        return rows;
    }

    /// <summary>Levels after each of <paramref name="count"/> changes: each one moves, the last lands on <paramref name="target"/>.</summary>
    private int[] Walk(int count, int target, int max)
    {
        var levels = new int[count];
        var level = 0;
        for (var i = 0; i < count - 1; i++)
        {
            // Mostly one level up; a fall (to half or less) when the top is reached or now and then.
            var next = level > 0 && (level == max || _random.NextDouble() < 0.05)
                ? _random.Next(0, level / 2 + 1)
                : Math.Min(max, level + (_random.NextDouble() < 0.9 ? 1 : 2));
            if (i == count - 2 && next == target)
            {
                var stay = level;
                next = Enumerable.Range(0, max + 1).Where(l => l != stay && l != target).OrderBy(l => Math.Abs(l - target)).ThenBy(l => l).First();
            }

            levels[i] = level = next;
        }

        levels[count - 1] = target;
        return levels;
    }

    private List<ActivityRow> Activities(SeededDeal deal, DateTimeOffset from, DateTimeOffset to, int count)
    {
        var span = (to - from).Ticks;
        return Enumerable.Range(0, count).Select(_ =>
        {
            var at = Micro(from + TimeSpan.FromTicks((long)(span * _random.NextDouble())));
            var recorded = Micro(Min(now, at + TimeSpan.FromMinutes(_random.Next(1, 120))));
            return new ActivityRow(Guid.CreateVersion7(recorded), deal.Id, (ActivityKind)_random.Next(0, 5), at, recorded, deal.OwnerId,
                ActivitySummaries[_random.Next(ActivitySummaries.Length)]);
        }).ToList();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static async Task CopyDealsAsync(NpgsqlConnection connection, List<DealRow> deals)
    {
        await using var w = await connection.BeginBinaryImportAsync("""
            COPY "Deals" ("Id", "AccountId", "OwnerId", "Title", "ServiceLine", "AnnualValueFen", "TargetCloseDate", "StartedOn", "Status",
                "CreatedAt", "Version", "LastUpwardAt",
                "Need_Level", "Need_ChangedAt", "Power_Level", "Power_ChangedAt", "Goal_Level", "Goal_ChangedAt",
                "Value_Level", "Value_ChangedAt", "Collaboration_Level", "Collaboration_ChangedAt",
                "LastRegression_Factor", "LastRegression_From", "LastRegression_To", "LastRegression_OccurredAt", "LastRegression_RecordedAt")
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var d in deals)
        {
            await w.StartRowAsync();
            await w.WriteAsync(d.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.AccountId, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.OwnerId, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.Title, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.ServiceLine.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(d.AnnualValueFen, NpgsqlDbType.Bigint);
            await w.WriteAsync(d.TargetCloseDate, NpgsqlDbType.Date);
            await w.WriteAsync(d.StartedOn, NpgsqlDbType.Date);
            await w.WriteAsync(nameof(DealStatus.Open), NpgsqlDbType.Varchar);
            await w.WriteAsync(d.CreatedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.Version, NpgsqlDbType.Integer);
            await WriteNullableAsync(w, d.LastUpwardAt, NpgsqlDbType.TimestampTz);
            foreach (var f in Enum.GetValues<Factor>())
            {
                var (level, changedAt) = d.States[f];
                await w.WriteAsync(level, NpgsqlDbType.Integer);
                await WriteNullableAsync(w, changedAt, NpgsqlDbType.TimestampTz);
            }

            if (d.LastRegression is { } r)
            {
                await w.WriteAsync(r.Factor.ToString(), NpgsqlDbType.Varchar);
                await w.WriteAsync(r.From, NpgsqlDbType.Integer);
                await w.WriteAsync(r.To, NpgsqlDbType.Integer);
                await w.WriteAsync(r.OccurredAt, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(r.RecordedAt, NpgsqlDbType.TimestampTz);
            }
            else
            {
                for (var i = 0; i < 5; i++)
                {
                    await w.WriteNullAsync();
                }
            }
        }

        await w.CompleteAsync();
    }

    private static async Task CopyCreatedEventsAsync(NpgsqlConnection connection, List<SeededDeal> deals)
    {
        await using var w = await connection.BeginBinaryImportAsync("""
            COPY "DealEvents" ("Id", "DealId", "Kind", "OccurredAt", "ActorId", "Note", "Reason", "Changes") FROM STDIN (FORMAT BINARY)
            """);
        foreach (var d in deals)
        {
            await w.StartRowAsync();
            await w.WriteAsync(Guid.CreateVersion7(d.HistoryStart), NpgsqlDbType.Uuid);
            await w.WriteAsync(d.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(nameof(DealEventKind.Created), NpgsqlDbType.Varchar);
            await w.WriteAsync(Micro(d.HistoryStart), NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.OwnerId, NpgsqlDbType.Uuid);
            await w.WriteNullAsync();
            await w.WriteNullAsync();
            await w.WriteAsync("[]", NpgsqlDbType.Text);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyCheckpointsAsync(NpgsqlConnection connection, List<CheckpointRow> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync("""
            COPY "CheckpointChanges" ("Id", "DealId", "Factor", "FromLevel", "ToLevel", "OccurredAt", "RecordedAt", "ActorId", "Note",
                "EvidenceKind", "EvidenceDetail", "PlaybookVersion")
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var c in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.DealId, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.Factor.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(c.From, NpgsqlDbType.Integer);
            await w.WriteAsync(c.To, NpgsqlDbType.Integer);
            await w.WriteAsync(c.OccurredAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(c.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(c.ActorId, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.Note, NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, c.EvidenceKind?.ToString(), NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, c.EvidenceDetail, NpgsqlDbType.Varchar);
            await w.WriteAsync(1, NpgsqlDbType.Integer);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyActivitiesAsync(NpgsqlConnection connection, List<ActivityRow> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync("""
            COPY "Activities" ("Id", "DealId", "Kind", "OccurredAt", "RecordedAt", "ActorId", "Summary") FROM STDIN (FORMAT BINARY)
            """);
        foreach (var a in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(a.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(a.DealId, NpgsqlDbType.Uuid);
            await w.WriteAsync(a.Kind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(a.OccurredAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(a.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(a.ActorId, NpgsqlDbType.Uuid);
            await w.WriteAsync(a.Summary, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await w.WriteNullAsync();
        }
        else
        {
            await w.WriteAsync(value, type);
        }
    }

    /// <summary>
    /// What autovacuum would soon do after a bulk load: statistics for the planner, a visibility map
    /// for index-only scans. The checkpoint writes the loaded pages out now rather than during the timings.
    /// </summary>
    private static async Task VacuumAnalyzeAsync(NpgsqlConnection connection)
    {
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection);
        await vacuum.ExecuteNonQueryAsync();
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
        await checkpoint.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// One chunk's rows, copied in the tables' order (deals before the history that refers to them), then cleared
    /// for the next chunk. Older history (<see cref="AddOlderHistoryAsync"/>) fills the history lists only.
    /// </summary>
    private sealed class Batch(int deals, int checkpointsPerDeal, int activitiesPerDeal)
    {
        public List<SeededDeal> Deals { get; } = new(deals);

        public List<DealRow> DealRows { get; } = new(deals);

        public List<CheckpointRow> Checkpoints { get; } = new(deals * checkpointsPerDeal);

        public List<ActivityRow> Activities { get; } = new(deals * activitiesPerDeal);

        public int CheckpointsCopied { get; private set; }

        public int ActivitiesCopied { get; private set; }

        public async Task CopyAsync(NpgsqlConnection connection)
        {
            if (DealRows.Count > 0)
            {
                await CopyDealsAsync(connection, DealRows);
                await CopyCreatedEventsAsync(connection, Deals);
            }

            await CopyCheckpointsAsync(connection, Checkpoints);
            await CopyActivitiesAsync(connection, Activities);
            CheckpointsCopied += Checkpoints.Count;
            ActivitiesCopied += Activities.Count;
            Deals.Clear();
            DealRows.Clear();
            Checkpoints.Clear();
            Activities.Clear();
        }
    }

    private sealed record SeededDeal(Guid Id, Guid OwnerId, DateTimeOffset HistoryStart);

    private sealed record CheckpointRow(
        Guid Id, Guid DealId, Factor Factor, int From, int To, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Guid ActorId,
        string Note, EvidenceKind? EvidenceKind, string? EvidenceDetail);

    private sealed record ActivityRow(Guid Id, Guid DealId, ActivityKind Kind, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Guid ActorId, string Summary);

    /// <summary>A deal row whose cached columns are computed from its history, the way <see cref="Deal.RecordCheckpoint"/> keeps them.</summary>
    private sealed record DealRow(
        Guid Id, Guid AccountId, Guid OwnerId, string Title, ServiceLine ServiceLine, long AnnualValueFen, DateOnly TargetCloseDate,
        DateOnly StartedOn, DateTimeOffset CreatedAt, int Version, DateTimeOffset? LastUpwardAt,
        IReadOnlyDictionary<Factor, (int Level, DateTimeOffset? ChangedAt)> States, RegressionMark? LastRegression)
    {
        public static DealRow From(SeededDeal deal, int n, Guid accountId, Random random, DateTimeOffset now, List<CheckpointRow> history)
        {
            var states = Enum.GetValues<Factor>().ToDictionary(f => f, f =>
                history.LastOrDefault(c => c.Factor == f) is { } last ? (last.To, (DateTimeOffset?)last.OccurredAt) : (0, null));
            var lastUp = history.Where(c => c.To > c.From).Select(c => (DateTimeOffset?)c.OccurredAt).Max();
            var fall = history.LastOrDefault(c => c.To < c.From);
            var line = (ServiceLine)random.Next(0, 5);
            var yuan = (long)Math.Exp(random.NextDouble() * (Math.Log(80_000_000) - Math.Log(500_000)) + Math.Log(500_000));
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            return new DealRow(
                deal.Id, accountId, deal.OwnerId, $"{line} {today.Year + 1} · #{n:D4}", line, yuan * 100,
                today.AddDays(random.Next(30, 400)), DateOnly.FromDateTime(deal.HistoryStart.UtcDateTime), Micro(deal.HistoryStart),
                1 + history.Count, lastUp, states,
                fall is null ? null : new RegressionMark(fall.Factor, fall.From, fall.To, fall.OccurredAt, fall.RecordedAt));
        }
    }
}
