namespace KeyAccountPipeline.Web.Components.Tests;

using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Board;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using MudBlazor;

public sealed class BoardFiltersTests : ComponentTest
{
    [Fact]
    public void TheCustomerSearchStopsAtTheListsLimit()
    {
        Render<MudPopoverProvider>();
        var filters = Render<BoardFilters>(p => p
            .Add(f => f.People, [])
            .Add(f => f.Industries, [])
            .Add(f => f.Playbook, DefaultPlaybook.Create()));

        AssertTextLimits(filters, ("filter-q", Limits.Name));
    }
}
