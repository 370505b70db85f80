using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Domain.Time;
using Npgsql;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>
/// The baseline for GET /api/board: the plainest correct hand-written Npgsql code that returns the
/// same board. One SQL statement (one row per deal, recent activities as a correlated count),
/// a data reader into plain rows, then the same in-memory evaluation the app does (stage,
/// progress, signals) and the same grouping into columns.
/// </summary>
internal sealed class HandWrittenBoard(NpgsqlDataSource dataSource, PlaybookStore playbooks, OrgCalendar calendar)
{
    public const string Sql = """
        SELECT d."Id", d."AccountId", a."Name", a."Industry", d."Title", d."ServiceLine", d."OwnerId", p."Name",
               d."AnnualValueFen", d."Status",
               d."Need_Level", d."Power_Level", d."Goal_Level", d."Value_Level", d."Collaboration_Level",
               d."StartedOn", d."TargetCloseDate", d."LastUpwardAt",
               d."LastRegression_Factor", d."LastRegression_From", d."LastRegression_To",
               d."LastRegression_OccurredAt", d."LastRegression_RecordedAt",
               (SELECT count(*) FROM "Activities" x WHERE x."DealId" = d."Id" AND x."OccurredAt" >= $1),
               d."Version"
        FROM "Deals" d
        JOIN "Accounts" a ON a."Id" = d."AccountId"
        JOIN "People" p ON p."Id" = d."OwnerId"
        """;

    public async Task<Board> BoardAsync(CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        var busySince = calendar.WindowStart(playbook.Signals.BusyWindowDays);
        var cards = new List<DealCard>();
        await using (var command = dataSource.CreateCommand(Sql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = busySince });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                cards.Add(ToCard(reader, playbook));
            }
        }

        cards = cards.OrderByDescending(c => c.AnnualValue).ThenBy(c => c.Customer, StringComparer.Ordinal).ToList();
        var active = cards.Where(c => c.Status is DealStatus.Open or DealStatus.OnHold).ToList();
        var columns = playbook.Stages.OrderBy(s => s.Order).Select(stage =>
        {
            var inStage = active.Where(c => c.Stage.Key == stage.Key).ToList();
            return new BoardColumn(StageRef.Of(stage), inStage.Count, inStage.Sum(c => c.AnnualValue), inStage);
        }).ToList();
        return new Board(columns, cards.Where(c => c.Status == DealStatus.Won).ToList(), cards.Where(c => c.Status == DealStatus.Lost).ToList());
    }

    private DealCard ToCard(NpgsqlDataReader r, Playbook playbook)
    {
        var status = Enum.Parse<DealStatus>(r.GetString(9));
        var levels = new Levels(r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), r.GetInt32(13), r.GetInt32(14));
        var startedOn = r.GetFieldValue<DateOnly>(15);
        DateTimeOffset? lastUpwardAt = r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17);
        RegressionMark? regression = r.IsDBNull(18) ? null : new RegressionMark(
            Enum.Parse<Factor>(r.GetString(18)), r.GetInt32(19), r.GetInt32(20),
            r.GetFieldValue<DateTimeOffset>(21), r.GetFieldValue<DateTimeOffset>(22));
        var recentActivities = (int)r.GetInt64(23);

        var standing = playbook.Evaluate(levels);
        var reading = DealSignals.Read(new SignalFacts(status, startedOn, lastUpwardAt, recentActivities, regression),
            standing.Stage, playbook.Signals, calendar);
        return new DealCard
        {
            Id = r.GetGuid(0),
            AccountId = r.GetGuid(1),
            Customer = r.GetString(2),
            Title = r.GetString(4),
            Industry = r.GetString(3),
            ServiceLine = Enum.Parse<ServiceLine>(r.GetString(5)),
            Owner = new PersonRef(r.GetGuid(6), r.GetString(7)),
            AnnualValue = r.GetInt64(8) / 100m,
            Currency = DealQueries.Currency,
            Status = status,
            Stage = StageRef.Of(standing.Stage),
            Levels = levels,
            Progress = standing.Progress,
            LastAdvanceAt = reading.LastAdvanceAt,
            DaysSinceAdvance = reading.DaysSinceAdvance,
            Flags = reading.Flags,
            Signals = reading.Signals.Select(SignalView.Of).ToList(),
            Weakest = standing.Weakest,
            NextStage = standing.NextStage is { } next ? new NextStageRef(next.Key, next.Name, standing.Missing) : null,
            TargetCloseDate = r.GetFieldValue<DateOnly>(16),
            StartedOn = startedOn,
            Version = r.GetInt32(24),
        };
    }
}
