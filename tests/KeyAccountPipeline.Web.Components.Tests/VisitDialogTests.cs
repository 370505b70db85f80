namespace KeyAccountPipeline.Web.Components.Tests;

using AngleSharp.Dom;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>Issue 15: the "Record a visit" sheet over the real deal service and a real SQLite database.</summary>
public sealed class VisitDialogTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    /// <summary>Long enough for a loaded build machine: the waits end as soon as the condition holds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private DealQueries Queries => app.Services.GetRequiredService<DealQueries>();

    [Fact]
    public async Task TheNextStationsMissingCheckpointsComeFirstThenEveryOtherFactorsNextLevels()
    {
        var card = await app.NewDealAsync();

        var dialog = await OpenAsync(card);

        // Qualify asks need 3 and power 1: need 1-3 and power 1-3 first, marked; then goal, value, collaboration 1-3.
        var options = dialog.FindAll("[data-test=visit-option]").Select(o => $"{o.GetAttribute("data-factor")} {o.GetAttribute("data-level")}").ToList();
        Assert.Equal(
            ["need 1", "need 2", "need 3", "power 1", "power 2", "power 3", "goal 1", "goal 2", "goal 3", "value 1", "value 2", "value 3",
                "collaboration 1", "collaboration 2", "collaboration 3"],
            options);
        Assert.Equal(4, dialog.FindAll("[data-test=visit-option] .visit-gate").Count);
        Assert.Contains("We have met and talked with the decision maker", Option(dialog, "power", 3).TextContent);
        Assert.Equal("true", dialog.Find("[data-test=visit-kind] [data-kind=visit]").GetAttribute("aria-checked"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task TickTypeSaveLogsTheVisitAndPower3InOneSave(string culture)
    {
        var card = await app.NewDealAsync();
        Speak(culture);
        var dialog = await OpenAsync(card);

        Option(dialog, "power", 3).QuerySelector("input")!.Change(true);
        dialog.Find("textarea[data-test=visit-note]").Change("Met Mr Chen, the owner; he decides on logistics.");
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-test=visit-dialog]")), Patience);
        var change = Assert.Single((await Queries.HistoryAsync(card.Id))!);
        Assert.Equal((Factor.Power, 0, 3, "Met Mr Chen, the owner; he decides on logistics.", EvidenceKind.Visit),
            (change.Factor, change.From, change.To, change.Note, change.Evidence!.Kind));
        var visit = Assert.Single((await Queries.TimelineAsync(card.Id))!, e => e.Activity is not null);
        Assert.Equal((ActivityKind.Visit, "Met Mr Chen, the owner; he decides on logistics."), (visit.Activity!.Kind, visit.Activity.Summary));
        Assert.Equal(change.OccurredAt, visit.At);
    }

    [Fact]
    public async Task OneLevelPerFactorAndTheKindChosenIsLogged()
    {
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync(card);

        dialog.Find("[data-test=visit-kind] [data-kind=call]").Click();
        Option(dialog, "need", 1).QuerySelector("input")!.Change(true);
        Option(dialog, "need", 2).QuerySelector("input")!.Change(true);
        dialog.Find("textarea[data-test=visit-note]").Change("Call with the logistics manager");
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-test=visit-dialog]")), Patience);
        var change = Assert.Single((await Queries.HistoryAsync(card.Id))!);
        Assert.Equal((Factor.Need, 2, EvidenceKind.Call), (change.Factor, change.To, change.Evidence!.Kind));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task NoNoteIsRefusedNextToTheNoteAndNothingIsWritten(string culture)
    {
        var card = await app.NewDealAsync();
        Speak(culture);
        var dialog = await OpenAsync(card);

        Option(dialog, "power", 3).QuerySelector("input")!.Change(true);
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Equal(Ui.Required.Current, HelperText(dialog.Find("[data-test=visit-note]"))), Patience);
        Assert.Empty((await Queries.HistoryAsync(card.Id))!);
        Assert.DoesNotContain((await Queries.TimelineAsync(card.Id))!, e => e.Activity is not null);
        Assert.NotEmpty(dialog.FindAll("[data-test=visit-dialog]"));
    }

    [Fact]
    public async Task AStaleDealShowsTheCurrentStateAndWritesNothing()
    {
        var stale = await app.NewDealAsync();
        await app.Services.GetRequiredService<DealService>().RecordCheckpointAsync(stale.Id,
            new CheckpointRequest(Factor.Power, 1, "Contact told the owner", null, null, stale.Version), app.Rep.AsActor());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var dialog = await OpenAsync(stale);

        Option(dialog, "need", 1).QuerySelector("input")!.Change(true);
        dialog.Find("textarea[data-test=visit-note]").Change("Interviewed the business contact");
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForElement("[data-test=conflict]", Patience);
        Assert.Single((await Queries.HistoryAsync(stale.Id))!);
        Assert.DoesNotContain((await Queries.TimelineAsync(stale.Id))!, e => e.Activity is not null);
    }

    [Fact]
    public async Task TheNoteStopsAtTheSummarysLimit()
    {
        var dialog = await OpenAsync(await app.NewDealAsync());

        AssertTextLimits(dialog, ("visit-note", Limits.Summary));
    }

    private static IElement Option(IRenderedComponent<MudDialogProvider> dialog, string factor, int level) =>
        dialog.Find($"[data-test=visit-option][data-factor={factor}][data-level=\"{level}\"]");

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(DealCard card)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var playbook = await app.Services.GetRequiredService<PlaybookStore>().CurrentAsync();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<VisitDialog>(null, new DialogParameters<VisitDialog>
        {
            { d => d.Card, card },
            { d => d.Playbook, playbook },
        }));
        provider.WaitForElement("[data-test=visit-dialog]", Patience);
        return provider;
    }

    private static string HelperText(IElement input) =>
        input.Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? string.Empty;
}
