namespace KeyAccountPipeline.Web.Components.Tests;

using AngleSharp.Dom;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>The record-checkpoint dialog over the real deal service and a real SQLite database.</summary>
public sealed class CheckpointDialogTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    private DealQueries Queries => app.Services.GetRequiredService<DealQueries>();

    /// <summary>The domain's one message for the rule (decision 0020), the same words the API answers with, in both languages.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task EmptyNoteIsRefusedNextToTheNoteAndNothingIsWritten(string culture)
    {
        var card = await app.NewDealAsync();
        Speak(culture);
        var dialog = await OpenAsync(card, Factor.Need);

        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Equal(RuleTexts.ChangeNeedsNote.For(new(culture)), HelperText(dialog.Find("[data-test=note]"))));
        Assert.Empty((await Queries.HistoryAsync(card.Id))!);
        Assert.Equal(0, (await Queries.CardAsync(card.Id))!.Levels.Need);
        Assert.NotEmpty(dialog.FindAll("[data-test=checkpoint-dialog]"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task RegressionWithEmptyNoteAsksForTheReasonAndNothingIsWritten(string culture)
    {
        var card = await app.NewDealAsync();
        card = await app.Services.GetRequiredService<DealService>().RecordCheckpointAsync(card.Id,
            new CheckpointRequest(Factor.Need, 2, "Interviewed the logistics manager; root cause written down", null, null, card.Version), app.Rep.AsActor());
        Speak(culture);
        var dialog = await OpenAsync(card, Factor.Need, level: 1);

        Assert.Equal(Ui.RegressionWarning.Format(2, 1), dialog.Find("[data-test=regression-warning]").TextContent.Trim());
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Equal(RuleTexts.RegressionNeedsReason.For(new(culture)), HelperText(dialog.Find("[data-test=note]"))));
        Assert.Single((await Queries.HistoryAsync(card.Id))!);
        Assert.Equal(2, (await Queries.CardAsync(card.Id))!.Levels.Need);
    }

    [Fact]
    public async Task NoteAndSaveRecordsTheNextLevelAndClosesTheDialog()
    {
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync(card, Factor.Power);

        dialog.Find("textarea[data-test=note]").Change("The supply-chain director told the owner about us");
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-test=checkpoint-dialog]")));
        var change = Assert.Single((await Queries.HistoryAsync(card.Id))!);
        Assert.Equal((Factor.Power, 0, 1), (change.Factor, change.From, change.To));
        Assert.Equal("The supply-chain director told the owner about us", change.Note);
        Assert.Equal(1, (await Queries.CardAsync(card.Id))!.Levels.Power);
    }

    /// <summary>
    /// Issue 15: every shortcut opens on the factor and level it names (a gate's "Power 0 → 3" on Power level 3, not level 1;
    /// "Record checkpoint" on the factor chosen, not Need). A level that cannot be chosen (the current one, off the ladder)
    /// falls back to the next one up.
    /// </summary>
    [Theory]
    [InlineData(Factor.Power, 3, 3)]
    [InlineData(Factor.Goal, 2, 2)]
    [InlineData(Factor.Collaboration, null, 1)]
    [InlineData(Factor.Value, 0, 1)]
    [InlineData(Factor.Need, 9, 1)]
    public async Task TheDialogOpensOnTheFactorAndLevelItIsGiven(Factor factor, int? level, int saved)
    {
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync(card, factor, level);

        dialog.Find("textarea[data-test=note]").Change("Checked with the customer");
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-test=checkpoint-dialog]")));
        var change = Assert.Single((await Queries.HistoryAsync(card.Id))!);
        Assert.Equal((factor, 0, saved), (change.Factor, change.From, change.To));
    }

    [Fact]
    public async Task TheNoteAndEvidenceDetailStopAtTheValidatorsLimits()
    {
        var dialog = await OpenAsync(await app.NewDealAsync(), Factor.Need);

        AssertTextLimits(dialog, ("note", Limits.Note), ("evidence-detail", Limits.Detail));
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(DealCard card, Factor factor, int? level = null)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var playbook = await app.Services.GetRequiredService<PlaybookStore>().CurrentAsync();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CheckpointDialog>(null, new DialogParameters<CheckpointDialog>
        {
            { d => d.Card, card },
            { d => d.Playbook, playbook },
            { d => d.Factor, factor },
            { d => d.Level, level },
        }));
        provider.WaitForElement("[data-test=checkpoint-dialog]");
        return provider;
    }

    /// <summary>The message MudBlazor shows under a field: what the user reads next to it.</summary>
    private static string HelperText(IElement input) =>
        input.Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? string.Empty;
}
