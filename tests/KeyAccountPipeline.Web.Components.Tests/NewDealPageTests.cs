namespace KeyAccountPipeline.Web.Components.Tests;

using AngleSharp.Dom;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Components.Pages;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Components.Ui;
using MudBlazor;

public sealed class NewDealPageTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    [Fact]
    public void CreatingWithNothingFilledInNamesEveryMissingField()
    {
        Render<MudPopoverProvider>();
        var page = Render<NewDealPage>();

        page.Find("[data-test=create]").Click();

        page.WaitForAssertion(() => Assert.Equal(Ui.Required.Current, HelperText(page.Find("input[data-test=customer]"))));
        foreach (var field in new[] { "title", "service-line", "annual-value", "target-close" })
        {
            Assert.Equal(Ui.Required.Current, HelperText(page.Find($"[data-test={field}]")));
        }
    }

    [Fact]
    public void ANewCustomerNeedsAnIndustry()
    {
        Render<MudPopoverProvider>();
        var page = Render<NewDealPage>();

        page.Find("input[data-test=customer]").Input("Brand-new Foods");
        page.Find("[data-test=create]").Click();

        page.WaitForAssertion(() => Assert.Equal(Ui.IndustryRequired.Current, HelperText(page.Find("input[data-test=industry]"))));
        Assert.Equal(Ui.NewCustomer.Current, HelperText(page.Find("input[data-test=customer]")));
    }

    [Fact]
    public void EveryTextFieldStopsAtItsValidatorsLimit()
    {
        Render<MudPopoverProvider>();
        var page = Render<NewDealPage>();
        page.WaitForElement("input[data-test=title]");

        AssertTextLimits(page, ("customer", Limits.Name), ("industry", Limits.Industry), ("region", Limits.Region), ("title", Limits.Title));
    }

    private static string HelperText(IElement input) =>
        input.Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? string.Empty;
}
