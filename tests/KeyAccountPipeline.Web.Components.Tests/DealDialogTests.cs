namespace KeyAccountPipeline.Web.Components.Tests;

using AngleSharp.Dom;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>The deal page's dialogs over the real deal service: messages next to fields, nothing overwritten.</summary>
public sealed class DealDialogTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    private DealService Deals => app.Services.GetRequiredService<DealService>();

    private DealQueries Queries => app.Services.GetRequiredService<DealQueries>();

    [Fact]
    public async Task ActivityWithoutSummaryIsRefusedNextToTheSummary()
    {
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync(new DialogParameters<ActivityDialog> { { d => d.Card, card } }, "activity-dialog");

        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Equal(Ui.Required.Current, HelperText(dialog.Find("[data-test=activity-summary]"))));
        Assert.DoesNotContain((await Queries.TimelineAsync(card.Id))!, e => e.Activity is not null);
    }

    [Fact]
    public async Task ActivityWithSummaryIsLogged()
    {
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync(new DialogParameters<ActivityDialog> { { d => d.Card, card } }, "activity-dialog");

        dialog.Find("textarea[data-test=activity-summary]").Change("Visited the Dongguan warehouse with the operations lead");
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-test=activity-dialog]")));
        var activity = Assert.Single((await Queries.TimelineAsync(card.Id))!, e => e.Activity is not null).Activity!;
        Assert.Equal((ActivityKind.Visit, "Visited the Dongguan warehouse with the operations lead"), (activity.Kind, activity.Summary));
    }

    /// <summary>The domain's one message for the rule (decision 0020), the same words the API answers with, in both languages.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task HoldWithoutReasonIsRefusedNextToTheReason(string culture)
    {
        var card = await app.NewDealAsync();
        Speak(culture);
        var dialog = await OpenAsync(new DialogParameters<StatusDialog>
        {
            { d => d.Card, card },
            { d => d.Change, StatusDialog.StatusChange.Hold },
        }, "status-dialog");

        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Equal(RuleTexts.HoldNeedsReason.For(new(culture)), HelperText(dialog.Find("[data-test=reason]"))));
        Assert.Equal(DealStatus.Open, (await Queries.CardAsync(card.Id))!.Status);
    }

    /// <summary>
    /// A start after today (the service's rule: it knows today) and a start after the target close (the validator's) show
    /// their one message next to the start date, in both languages, and nothing is written. The picker cannot choose
    /// such dates, so the dialog is opened on a card that already holds them.
    /// </summary>
    [Theory]
    [InlineData("future", "en")]
    [InlineData("future", "zh-CN")]
    [InlineData("after target", "en")]
    [InlineData("after target", "zh-CN")]
    public async Task ABadStartDateIsRefusedNextToTheStartDate(string rule, string culture)
    {
        var card = await app.NewDealAsync();
        var today = DateOnly.FromDateTime(ComponentApp.Start.ToOffset(TimeSpan.FromHours(8)).Date);
        var (shown, text) = rule == "future"
            ? (card with { StartedOn = today.AddDays(1) }, RuleTexts.StartNotInFuture)
            : (card with { TargetCloseDate = card.StartedOn.AddDays(-1) }, RuleTexts.StartNotAfterTarget);
        Speak(culture);
        var dialog = await OpenAsync(new DialogParameters<EditDealDialog> { { d => d.Card, shown } }, "edit-dialog");

        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Equal(text.For(new(culture)), HelperText(dialog.Find("[data-test=started-on]"))));
        var saved = (await Queries.CardAsync(card.Id))!;
        Assert.Equal((card.Version, card.StartedOn), (saved.Version, saved.StartedOn));
    }

    [Fact]
    public async Task HoldWithReasonPutsTheDealOnHold()
    {
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync(new DialogParameters<StatusDialog>
        {
            { d => d.Card, card },
            { d => d.Change, StatusDialog.StatusChange.Hold },
        }, "status-dialog");

        dialog.Find("textarea[data-test=reason]").Change("Customer freezes all tenders until the audit ends");
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-test=status-dialog]")));
        Assert.Equal(DealStatus.OnHold, (await Queries.CardAsync(card.Id))!.Status);
    }

    [Fact]
    public async Task CloseWithoutOutcomeOrReasonSaysWhatIsMissing()
    {
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync(new DialogParameters<CloseDialog> { { d => d.Card, card } }, "close-dialog");

        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Equal(Ui.Required.Current, dialog.Find("[data-test=outcome-error]").TextContent.Trim()));
        Assert.Equal(Ui.Required.Current, HelperText(dialog.Find("[data-test=close-reason]")));
        Assert.Equal(DealStatus.Open, (await Queries.CardAsync(card.Id))!.Status);
    }

    [Fact]
    public async Task EditingAStaleDealShowsTheCurrentStateAndOverwritesNothing()
    {
        var stale = await app.NewDealAsync();
        var current = await Deals.EditAsync(stale.Id,
            new UpdateDealRequest("Changed by a colleague", ServiceLine.Transport, 999m, stale.TargetCloseDate, stale.StartedOn, stale.Version), app.Rep.AsActor());
        var dialog = await OpenAsync(new DialogParameters<EditDealDialog> { { d => d.Card, stale } }, "edit-dialog");

        dialog.Find("input[data-test=title]").Change("My own title");
        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Contains(Ui.ChangedBySomeoneElse.Current, dialog.Find("[data-test=conflict]").TextContent));
        Assert.Contains("Changed by a colleague", dialog.Find("[data-test=conflict]").TextContent);
        var saved = (await Queries.CardAsync(stale.Id))!;
        Assert.Equal(("Changed by a colleague", current.Version), (saved.Title, saved.Version));
    }

    [Fact]
    public async Task AVetoHolderHasAVetoStatusField()
    {
        var card = await app.NewDealAsync();
        var veto = await Deals.AddStakeholderAsync(card.Id,
            new StakeholderRequest("信息中心 IT", "Director", "IT", StakeholderRole.VetoHolder, "No extra IT staff", VetoStatus.Contacted), app.Rep.AsActor());

        var dialog = await OpenAsync(new DialogParameters<StakeholderDialog> { { d => d.Card, card }, { d => d.Stakeholder, veto } }, "stakeholder-dialog");

        Assert.Equal("Contacted", dialog.Find("[data-test=stakeholder-veto]").TextContent.Trim());
    }

    [Fact]
    public async Task ADecisionMakerHasNoVetoStatusField()
    {
        var card = await app.NewDealAsync();
        var boss = await Deals.AddStakeholderAsync(card.Id,
            new StakeholderRequest("何建平", "VP Marketing", "Marketing", StakeholderRole.DecisionMaker, "Halve dealer complaints", null), app.Rep.AsActor());

        var dialog = await OpenAsync(new DialogParameters<StakeholderDialog> { { d => d.Card, card }, { d => d.Stakeholder, boss } }, "stakeholder-dialog");

        Assert.Equal("何建平", dialog.Find("input[data-test=stakeholder-name]").GetAttribute("value"));
        Assert.Empty(dialog.FindAll("[data-test=stakeholder-veto]"));
    }

    public static TheoryData<string> DialogsWithText => ["activity", "close", "edit", "hold", "resume", "stakeholder"];

    [Theory]
    [MemberData(nameof(DialogsWithText))]
    public async Task EveryTextFieldStopsAtItsValidatorsLimit(string dialog)
    {
        var card = await app.NewDealAsync();

        var (rendered, limits) = dialog switch
        {
            "activity" => (await OpenAsync(new DialogParameters<ActivityDialog> { { d => d.Card, card } }, "activity-dialog"),
                new[] { ("activity-summary", Limits.Summary) }),
            "close" => (await OpenAsync(new DialogParameters<CloseDialog> { { d => d.Card, card } }, "close-dialog"),
                [("note", Limits.Note)]),
            "edit" => (await OpenAsync(new DialogParameters<EditDealDialog> { { d => d.Card, card } }, "edit-dialog"),
                [("title", Limits.Title)]),
            "hold" => (await OpenAsync(new DialogParameters<StatusDialog> { { d => d.Card, card }, { d => d.Change, StatusDialog.StatusChange.Hold } }, "status-dialog"),
                [("reason", Limits.Note)]),
            "resume" => (await OpenAsync(new DialogParameters<StatusDialog> { { d => d.Card, card }, { d => d.Change, StatusDialog.StatusChange.Resume } }, "status-dialog"),
                [("note", Limits.Note)]),
            _ => (await OpenAsync(new DialogParameters<StakeholderDialog> { { d => d.Card, card } }, "stakeholder-dialog"),
                [("stakeholder-name", Limits.Name), ("stakeholder-title", Limits.Title), ("stakeholder-department", Limits.Name), ("stakeholder-goal", Limits.Goal)]),
        };

        AssertTextLimits(rendered, limits);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync<TDialog>(DialogParameters<TDialog> parameters, string dataTest)
        where TDialog : IComponent
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>(null, parameters));
        provider.WaitForElement($"[data-test={dataTest}]");
        return provider;
    }

    /// <summary>The message MudBlazor shows under a field (the element carrying data-test may be the field's input or its wrapper).</summary>
    private static string HelperText(IElement field) =>
        (field.Closest(".mud-input-control") ?? field.QuerySelector(".mud-input-control"))?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim()
        ?? string.Empty;
}
