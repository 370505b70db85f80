namespace KeyAccountPipeline.Web.Components.Tests;

using System.Globalization;
using Bunit;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Components.Insights;
using KeyAccountPipeline.Web.Components.Layout;
using KeyAccountPipeline.Web.Components.Review;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;

/// <summary>
/// Decision 0019: "advanced" means levels gained everywhere, and the review page and the insights page explain it with the same
/// words, in Chinese and in English.
/// </summary>
public sealed class AdvancedExplanationTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    [Theory]
    [InlineData("en", "“Advanced” is levels gained by upward changes: need 0 → 3 in one change counts three.")]
    [InlineData("zh-CN", "“前进”是向上变化获得的等级数：一次变化把需求从 0 提到 3 算 3 级。")]
    public async Task TheReviewAndTheInsightsExplainAdvancedWithTheSameWords(string culture, string opening)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        SignInAs(await app.PersonAsync(Role.Manager, "王强 Wang Qiang"));

        var insights = Render<InsightsPage>();
        var review = Render<ReviewPage>(p => p.AddCascadingValue(new ReviewLayout()));

        var onInsights = insights.WaitForElement("[data-test=advanced-definition]").TextContent.Trim();
        var onReview = review.WaitForElement("[data-test=advanced-definition]").TextContent.Trim();
        Assert.StartsWith(opening, onInsights, StringComparison.Ordinal);
        Assert.Equal(onInsights, onReview);
    }
}
