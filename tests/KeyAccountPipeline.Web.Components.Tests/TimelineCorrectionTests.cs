using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Components.Tests;

/// <summary>The timeline of a corrected slip: the slip struck through with who corrected it and when, the correction saying what it did.</summary>
public sealed class TimelineCorrectionTests : ComponentTest, IClassFixture<ComponentApp>
{
    private readonly ComponentApp _app;

    public TimelineCorrectionTests(ComponentApp app)
        : base(app.Services, app.Rep)
    {
        _app = app;
    }

    private DealService Deals => _app.Services.GetRequiredService<DealService>();

    [Theory]
    [InlineData("en", "Corrected by 李娜 Li Na at", "A slip corrected, read as one change: Power 0 → 3", "Correction")]
    [InlineData("zh-CN", "已由 李娜 Li Na 于", "误记已更正，按一次变化计：权力 0 → 3", "更正")]
    public async Task CorrectedSlipIsStruckThroughWithWhoAndWhen(string culture, string correctedBy, string reads, string kind)
    {
        var (card, slip) = await SlipAsync();
        card = await Deals.CorrectCheckpointAsync(card.Id, slip, new CorrectionRequest(3, card.Version), _app.Rep.AsActor());
        Speak(culture);

        var timeline = await RenderAsync(card);

        var corrected = timeline.Find("[data-corrected=true]");
        Assert.Contains("is-corrected", corrected.ClassList);
        Assert.Contains(correctedBy, corrected.QuerySelector("[data-test=corrected-by]")!.TextContent);
        Assert.Contains("0 → 4", corrected.TextContent);
        Assert.Null(corrected.QuerySelector("[data-test=regression]"));
        var correction = timeline.Find("[data-test=correction-of]");
        Assert.Equal(reads, correction.TextContent.Trim());
        Assert.Contains(kind, correction.ParentElement!.TextContent);
        // Neither the corrected change nor its correction can be corrected again.
        Assert.Empty(timeline.FindAll("[data-test=correct]"));
    }

    [Fact]
    public async Task OwnChangeOffersUndoWithinTheWindowAndTheUndoCorrectsIt()
    {
        var (card, _) = await SlipAsync();

        var timeline = await RenderAsync(card);
        timeline.Find("[data-test=correct-undo]").Click();

        var history = (await _app.Services.GetRequiredService<DealQueries>().HistoryAsync(card.Id))!;
        Assert.Equal(0, Assert.Single(history, c => c.Corrects is not null).To);
        Assert.NotNull(Assert.Single(history, c => c.Corrects is null).CorrectedBy);
    }

    [Fact]
    public async Task NoCorrectionIsOfferedAfterTheWindowNorOnSomeoneElsesChange()
    {
        var (card, _) = await SlipAsync();
        Assert.NotEmpty((await RenderAsync(card)).FindAll("[data-test=correct]"));

        SignInAs(await _app.PersonAsync(Role.Manager, "赵建国 Zhao Jianguo"));
        Assert.Empty((await RenderAsync(card)).FindAll("[data-test=correct]"));

        SignInAs(_app.Rep);
        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Empty((await RenderAsync(card)).FindAll("[data-test=correct]"));
    }

    /// <summary>A new deal where the rep has just tapped Power 4 (meaning 3).</summary>
    private async Task<(DealCard Card, Guid Slip)> SlipAsync()
    {
        var card = await _app.NewDealAsync();
        card = await Deals.RecordCheckpointAsync(card.Id, new CheckpointRequest(Factor.Power, 4, "Met the COO", null, null, card.Version), _app.Rep.AsActor());
        var history = await _app.Services.GetRequiredService<DealQueries>().HistoryAsync(card.Id);
        return (card, history![^1].Id);
    }

    private async Task<IRenderedComponent<Timeline>> RenderAsync(DealCard card)
    {
        var entries = (await _app.Services.GetRequiredService<DealQueries>().TimelineAsync(card.Id))!;
        var fresh = await _app.Services.GetRequiredService<DealQueries>().CardAsync(card.Id);
        var playbook = await _app.Services.GetRequiredService<PlaybookStore>().CurrentAsync();
        return Render<Timeline>(p => p.Add(t => t.Entries, entries).Add(t => t.Playbook, playbook).Add(t => t.Card, fresh));
    }
}
