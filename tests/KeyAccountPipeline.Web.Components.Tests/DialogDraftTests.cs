namespace KeyAccountPipeline.Web.Components.Tests;

using Bunit;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>
/// Typed work in a deal's dialog is never lost silently (issue 15 §5): the base dialog keeps its text as a browser draft
/// per person, deal and dialog, offers it back when the dialog opens again, forgets it once saved, tells the circuit it
/// holds unsaved input, and a field's "Required." goes as soon as the field changes (§6).
/// </summary>
public sealed class DialogDraftTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    private IRenderedComponent<MudSnackbarProvider>? _snackbars;

    [Fact]
    public async Task TypedTextIsKeptUnderThePersonDealAndDialogAndTheCircuitKnowsItIsUnsaved()
    {
        var drafts = Drafts();
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync<ActivityDialog>(card, "activity-dialog");

        dialog.Find("textarea[data-test=activity-summary]").Change("Met the COO at the Dongguan warehouse");

        var key = DealDialog.DraftKey(app.Rep.Id, card.Id, nameof(ActivityDialog));
        dialog.WaitForAssertion(() => Assert.Contains(drafts.Invocations["write"], i =>
            (string)i.Arguments[0]! == key && ((Dictionary<string, string?>)i.Arguments[1]!)["_summary"] == "Met the COO at the Dongguan warehouse"));
        Assert.True(Services.GetRequiredService<CircuitEviction>().HasUnsavedInput);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task ADraftIsOfferedBackWhenTheDialogOpensAgainAndGoneOnceSaved(string culture)
    {
        Speak(culture);
        var card = await app.NewDealAsync();
        var drafts = Drafts(new DealDialog.DialogDraft(new() { ["_summary"] = "客户同意下周去仓库参观" }, DateTimeOffset.UtcNow));
        var dialog = await OpenAsync<ActivityDialog>(card, "activity-dialog");

        dialog.WaitForAssertion(() => Assert.Equal("客户同意下周去仓库参观", dialog.Find("textarea[data-test=activity-summary]").GetAttribute("value")
            ?? dialog.Find("textarea[data-test=activity-summary]").TextContent));
        dialog.WaitForAssertion(() => Assert.Contains(Ui.DialogDraftRestored.Current, _snackbars!.Markup, StringComparison.Ordinal));
        var key = DealDialog.DraftKey(app.Rep.Id, card.Id, nameof(ActivityDialog));
        Assert.Contains(drafts.Invocations["read"], i => (string)i.Arguments[0]! == key);

        dialog.Find("[data-test=save]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-test=activity-dialog]")));
        Assert.Contains(drafts.Invocations["remove"], i => (string)i.Arguments[0]! == key);
        Assert.False(Services.GetRequiredService<CircuitEviction>().HasUnsavedInput);
    }

    [Fact]
    public async Task RequiredGoesAsSoonAsTheFieldIsFilled()
    {
        Drafts();
        var card = await app.NewDealAsync();
        var dialog = await OpenAsync<ActivityDialog>(card, "activity-dialog");
        dialog.Find("[data-test=save]").Click();
        dialog.WaitForAssertion(() => Assert.Equal(Ui.Required.Current, HelperText(dialog.Find("[data-test=activity-summary]"))));

        dialog.Find("textarea[data-test=activity-summary]").Change("Visited the site");

        dialog.WaitForAssertion(() => Assert.NotEqual(Ui.Required.Current, HelperText(dialog.Find("[data-test=activity-summary]"))));
        Assert.Empty(dialog.FindAll(".mud-input-error"));
    }

    private BunitJSModuleInterop Drafts(DealDialog.DialogDraft? draft = null)
    {
        var module = JSInterop.SetupModule("./drafts.js");
        module.Setup<DealDialog.DialogDraft?>("read", _ => true).SetResult(draft);
        module.SetupVoid("write", _ => true).SetVoidResult();
        module.SetupVoid("remove", _ => true).SetVoidResult();
        module.SetupVoid("watch", _ => true).SetVoidResult();
        module.SetupVoid("unwatch", _ => true).SetVoidResult();
        module.SetupVoid("refill", _ => true).SetVoidResult();
        return module;
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync<TDialog>(DealCard card, string dataTest)
        where TDialog : DealDialog
    {
        Render<MudPopoverProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>(null, new DialogParameters { { nameof(DealDialog.Card), card } }));
        provider.WaitForElement($"[data-test={dataTest}]");
        return provider;
    }

    private static string HelperText(AngleSharp.Dom.IElement field) =>
        (field.Closest(".mud-input-control") ?? field.QuerySelector(".mud-input-control"))?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim()
        ?? string.Empty;
}
