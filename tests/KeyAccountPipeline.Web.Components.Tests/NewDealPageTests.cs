namespace KeyAccountPipeline.Web.Components.Tests;

using AngleSharp.Dom;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>The service's one message for the rule (decision 0020), the same words the API answers with, in both languages.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void ANewCustomerNeedsAnIndustry(string culture)
    {
        Speak(culture);
        Render<MudPopoverProvider>();
        var page = Render<NewDealPage>();

        page.Find("input[data-test=customer]").Input("Brand-new Foods");
        page.Find("[data-test=create]").Click();

        page.WaitForAssertion(() => Assert.Equal(RuleTexts.NewCustomerNeedsIndustry.For(new(culture)), HelperText(page.Find("input[data-test=industry]"))));
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

    [Fact]
    public async Task ACustomerTypedInAnotherWidthAndCaseIsTheExistingAccount()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await app.Services.GetRequiredService<DealService>().CreateAsync(new CreateDealRequest(
            $"ＴＣＬ华星物流（全角） {marker}", "ＩＴ与电子", "华南", "Bonded warehouse", ServiceLine.Warehousing, app.Rep.Id,
            1_000_000m, new DateOnly(2026, 12, 31), new DateOnly(2026, 5, 1)), app.Rep.AsActor());
        Render<MudPopoverProvider>();
        var page = Render<NewDealPage>();

        page.WaitForElement("input[data-test=customer]").Input($"tcl华星物流(全角) {marker}");

        page.WaitForAssertion(() => Assert.Equal(Ui.ExistingCustomer.Format("ＩＴ与电子", "华南"), HelperText(page.Find("input[data-test=customer]"))));
        Assert.True(page.Find("input[data-test=industry]").HasAttribute("disabled"));
    }

    private static string HelperText(IElement input) =>
        input.Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? string.Empty;
}
