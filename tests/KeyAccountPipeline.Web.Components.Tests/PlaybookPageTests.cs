namespace KeyAccountPipeline.Web.Components.Tests;

using Bunit;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Components.Admin;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>The playbook editor's save over the real store: the rules hold even when the page is reached.</summary>
public sealed class PlaybookPageTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    private PlaybookStore Store => app.Services.GetRequiredService<PlaybookStore>();

    private PlaybookRepository Repository => app.Services.GetRequiredService<PlaybookRepository>();

    private PlaybookService Playbooks => app.Services.GetRequiredService<PlaybookService>();

    [Fact]
    public async Task ARepsSaveIsRefusedByTheStoreAndNothingIsWritten()
    {
        var before = (await Repository.VersionsAsync()).Count;
        var page = Render<PlaybookPage>();
        page.WaitForElement("[data-test=save-playbook]");

        await page.Find("[data-test=save-playbook]").ClickAsync(new());

        Assert.Equal(before, (await Repository.VersionsAsync()).Count);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Only an admin can change the playbook.");
    }

    [Fact]
    public async Task SavingAfterSomeoneElseSavedShowsTheConflictAndKeepsTheirVersion()
    {
        var admin = await AdminAsync();
        SignInAs(admin);
        var page = Render<PlaybookPage>();
        page.WaitForElement("[data-test=save-playbook]");
        var current = await Store.CurrentAsync();
        var changed = current with { Signals = current.Signals with { BusyActivityCount = (current.Signals.BusyActivityCount % 50) + 1 } };
        var theirs = await Playbooks.SaveAsync(changed, current.Version, admin.AsActor());

        await page.Find("[data-test=save-playbook]").ClickAsync(new());

        var conflict = page.WaitForElement("[data-test=playbook-conflict]");
        Assert.Contains($"version {theirs.Version} is now the current one", conflict.TextContent);
        Assert.Equal(theirs.Version, (await Store.CurrentAsync()).Version);

        conflict.QuerySelector("[data-test=reload-playbook]")!.Click();
        page.WaitForAssertion(() => Assert.Equal($"Editing version {theirs.Version}", page.Find("[data-test=editing-version]").TextContent));
        Assert.Empty(page.FindAll("[data-test=playbook-conflict]"));
    }

    private async Task<Person> AdminAsync()
    {
        var admin = new Person(Guid.NewGuid(), "周敏 Zhou Min", $"zhou.min.{Guid.NewGuid():N}@test.cn", Role.Admin);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        db.People.Add(admin);
        await db.SaveChangesAsync();
        return admin;
    }
}
