using System.Reflection;
using System.Security.Claims;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>Whose access is taken away while their page is open: each signed in, opened a page, then lost it.</summary>
public enum Revoked
{
    /// <summary>A rep, disabled; the deal is their own (the fault decision 0016 closed: "saved an activity 476 s after being disabled").</summary>
    DisabledRep,

    /// <summary>An admin, disabled (§1: "clicks Enable on his own row and is an active admin again").</summary>
    DisabledAdmin,

    /// <summary>A manager demoted to rep (§1: "still opened /insights and reassigned another rep's deal").</summary>
    DemotedManager,

    /// <summary>An admin demoted to rep (§1: "adds a new admin account, which then works").</summary>
    DemotedAdmin,
}

/// <summary>
/// Decision 0016, "every server-side handler": what an open page does when its person clicks. Each row is one save a
/// component makes — the component asks <see cref="CurrentUser"/> for the actor at the click and hands it to a
/// service — run in a circuit's own scope whose sign-in is the person's real page sign-in (their cookie, read by the
/// app's cookie handler) from before their access was taken away. For a disabled or just-demoted person every save is
/// refused with <see cref="AccessDeniedException"/> (the page shows "not allowed") and nothing is written; for a person
/// whose access holds, the same save goes through (so a refusal is the check's doing, not the row's). A new service
/// method that takes an <see cref="Actor"/> without a row fails <see cref="EveryServiceMethodThatTakesAnActorHasARow"/>.
/// </summary>
public abstract class ServerHandlerAuthorizationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    /// <summary>
    /// One save as a component makes it. <c>Twin</c> names the API endpoint whose subject it needs (prepared by
    /// <see cref="MatrixSubjects.PrepareAsync"/>); null for a save on the person themself.
    /// </summary>
    private sealed record Handler(string Component, string Method, string? Twin, Func<Click, Task> Run);

    /// <summary>A click in an open page: the circuit's services, its signed-in person (<c>Self</c>) and what the click acts on.</summary>
    private sealed record Click(IServiceProvider Circuit, Person Self, PreparedDeal? Subject, PipelineApp App)
    {
        public Task<Actor> ActorAsync() => Circuit.GetRequiredService<CurrentUser>().ActorAsync();

        public T Get<T>() where T : notnull => Circuit.GetRequiredService<T>();

        public Guid Id => Subject!.Id;

        /// <summary>Whose deal it is: a rep's own (the most a rep may do), otherwise the fixture rep's.</summary>
        public Guid OwnerId => Self.Role == Role.Rep ? Self.Id : App.Rep.Id;

        public int Version => Subject!.Version;

        /// <summary>As the Users page and its dialogs do: a scope of its own for <see cref="UserAccounts"/>.</summary>
        public async Task AccountsAsync(Func<UserAccounts, Actor, Task> change)
        {
            var actor = await ActorAsync();
            await Get<IServiceScopeFactory>().RunAsync(accounts => change(accounts, actor));
        }
    }

    private static readonly StakeholderRequest Stakeholder = new("Liu Fang", null, null, StakeholderRole.Influencer, null, null);

    private static readonly Handler[] Handlers =
    [
        new("NewDealPage", Of<DealService>(nameof(DealService.CreateAsync)), "POST /api/deals", async c => await c.Get<DealService>().CreateAsync(
            new CreateDealRequest($"Handler New {Guid.NewGuid():N}", "Retail", null, "Warehousing", ServiceLine.Warehousing, c.OwnerId, 500_000m,
                new DateOnly(2027, 6, 30), null), await c.ActorAsync())),
        new("EditDealDialog", Of<DealService>(nameof(DealService.EditAsync)), "PUT /api/deals/{id}", async c => await c.Get<DealService>().EditAsync(c.Id,
            new UpdateDealRequest("Cold chain, two cities", ServiceLine.Transport, 1_200_000m, new DateOnly(2027, 3, 31), new DateOnly(2026, 6, 1), c.Version),
            await c.ActorAsync())),
        new("CheckpointDialog", Of<DealService>(nameof(DealService.RecordCheckpointAsync)), "POST /api/deals/{id}/checkpoints", async c => await c.Get<DealService>()
            .RecordCheckpointAsync(c.Id, new CheckpointRequest(Factor.Need, 1, "Stated request on file", null, null, c.Version), await c.ActorAsync())),
        // Only a change's recorder corrects it: the person records one first (refused as well when their access is gone), then corrects it.
        new("Timeline, checkpoint snackbar", Of<DealService>(nameof(DealService.CorrectCheckpointAsync)), "POST /api/deals/{id}/checkpoints", async c =>
        {
            var service = c.Get<DealService>();
            var card = await service.RecordCheckpointAsync(c.Id, new CheckpointRequest(Factor.Power, 4, "Tapped 4", null, null, c.Version), await c.ActorAsync());
            var slip = (await c.Get<DealQueries>().HistoryAsync(c.Id))![^1].Id;
            await service.CorrectCheckpointAsync(c.Id, slip, new CorrectionRequest(3, card.Version), await c.ActorAsync());
        }),
        new("ActivityDialog", Of<DealService>(nameof(DealService.LogActivityAsync)), "POST /api/deals/{id}/activities", async c => await c.Get<DealService>()
            .LogActivityAsync(c.Id, new ActivityRequest(ActivityKind.Call, "Weekly call", null), await c.ActorAsync())),
        new("VisitDialog", Of<DealService>(nameof(DealService.RecordVisitAsync)), "POST /api/deals/{id}/visits", async c => await c.Get<DealService>()
            .RecordVisitAsync(c.Id, new RecordVisitRequest(ActivityKind.Visit, "Met the owner", null, [new ProvedCheckpointRequest(Factor.Power, 3)], c.Version),
                await c.ActorAsync())),
        new("StakeholderDialog", Of<DealService>(nameof(DealService.AddStakeholderAsync)), "POST /api/deals/{id}/stakeholders", async c => await c.Get<DealService>()
            .AddStakeholderAsync(c.Id, Stakeholder, await c.ActorAsync())),
        new("StakeholderDialog", Of<DealService>(nameof(DealService.ChangeStakeholderAsync)), "PUT /api/deals/{id}/stakeholders/{sid}", async c => await c.Get<DealService>()
            .ChangeStakeholderAsync(c.Id, c.Subject!.StakeholderId!.Value, Stakeholder, await c.ActorAsync())),
        new("DealPage", Of<DealService>(nameof(DealService.RemoveStakeholderAsync)), "DELETE /api/deals/{id}/stakeholders/{sid}", async c => await c.Get<DealService>()
            .RemoveStakeholderAsync(c.Id, c.Subject!.StakeholderId!.Value, await c.ActorAsync())),
        new("CloseDialog", Of<DealService>(nameof(DealService.CloseAsync)), "POST /api/deals/{id}/close", async c => await c.Get<DealService>()
            .CloseAsync(c.Id, new CloseRequest(CloseOutcome.Won, CloseReason.Relationship, null, c.Version), await c.ActorAsync())),
        new("StatusDialog", Of<DealService>(nameof(DealService.HoldAsync)), "POST /api/deals/{id}/hold", async c => await c.Get<DealService>()
            .HoldAsync(c.Id, new StatusRequest("Budget freeze", null, c.Version), await c.ActorAsync())),
        new("StatusDialog", Of<DealService>(nameof(DealService.ResumeAsync)), "POST /api/deals/{id}/resume", async c => await c.Get<DealService>()
            .ResumeAsync(c.Id, new StatusRequest(null, "Back on", c.Version), await c.ActorAsync())),
        new("StatusDialog", Of<DealService>(nameof(DealService.ReopenAsync)), "POST /api/deals/{id}/reopen", async c => await c.Get<DealService>()
            .ReopenAsync(c.Id, new StatusRequest(null, "Back on", c.Version), await c.ActorAsync())),
        new("ReassignDialog", Of<DealService>(nameof(DealService.ReassignAsync)), "POST /api/deals/{id}/owner", async c => await c.Get<DealService>()
            .ReassignAsync(c.Id, new ReassignRequest(c.App.OtherRep.Id, c.Version), await c.ActorAsync())),
        new("CoachingDialog", Of<DealService>(nameof(DealService.AddCoachingNoteAsync)), "POST /api/deals/{id}/coaching", async c => await c.Get<DealService>()
            .AddCoachingNoteAsync(c.Id, new CoachingNoteRequest("Meet the CFO before the tender"), await c.ActorAsync())),
        new("ActionItemsPanel", Of<ReviewService>(nameof(ReviewService.GiveActionItemAsync)), "POST /api/deals/{id}/action-items", async c => await c.Get<ReviewService>()
            .GiveActionItemAsync(c.Id, new DealActionItemRequest(c.App.Rep.Id, "Book the site visit", PipelineApp.StartDate.AddDays(30)), await c.ActorAsync())),
        new("ActionItemsPanel, MyActionsPage", Of<ReviewService>(nameof(ReviewService.MarkDoneAsync)), "POST /api/action-items/{id}/done", async c => await c.Get<ReviewService>()
            .MarkDoneAsync(c.Id, await c.ActorAsync())),
        new("ReviewPage", Of<ReviewService>(nameof(ReviewService.HoldAsync)), "POST /api/reviews", async c => await c.Get<ReviewService>().HoldAsync(
            new HoldReviewRequest(PipelineApp.StartDate, null, null, [c.App.Manager.Id], [new ReviewNoteRequest(c.Id, "On track")], null),
            await c.ActorAsync())),
        // The review page keeps the manager's own draft as they type; reading, saving and discarding it are refused alike.
        new("ReviewPage", Of<ReviewDrafts>(nameof(ReviewDrafts.SaveAsync)), "PUT /api/reviews/draft", async c => await c.Get<ReviewDrafts>().SaveAsync(
            new ReviewDraft(null, "Half-written", null, [new ReviewNoteRequest(c.Id, "On track")], null), await c.ActorAsync())),
        new("ReviewPage", Of<ReviewDrafts>(nameof(ReviewDrafts.GetAsync)), null, async c => await c.Get<ReviewDrafts>().GetAsync(await c.ActorAsync())),
        new("ReviewPage", Of<ReviewDrafts>(nameof(ReviewDrafts.DiscardAsync)), null, async c => await c.Get<ReviewDrafts>().DiscardAsync(await c.ActorAsync())),
        new("PlaybookPage", Of<PlaybookService>(nameof(PlaybookService.SaveAsync)), "PUT /api/playbook", async c =>
        {
            // A change, so that a save that holds writes a version (an unchanged playbook is not saved again).
            var current = await c.Get<PlaybookStore>().CurrentAsync();
            var edited = current with { Signals = current.Signals with { BusyActivityCount = (current.Signals.BusyActivityCount % 50) + 1 } };
            await c.Get<PlaybookService>().SaveAsync(edited, current.Version, await c.ActorAsync());
        }),
        new("AddPersonForm", Of<UserAccounts>(nameof(UserAccounts.CreateAsync)), "POST /api/users", c => c.AccountsAsync((accounts, actor) =>
            accounts.CreateAsync("Handler Admin", $"handler.{Guid.NewGuid():N}@test.cn", Role.Admin, PipelineApp.Password, actor))),
        new("UsersPage", Of<UserAccounts>(nameof(UserAccounts.ChangeRoleAsync)), "PUT /api/users/{id}/role", c => c.AccountsAsync((accounts, actor) =>
            accounts.ChangeRoleAsync(c.Id, Role.Admin, actor))),
        new("UsersPage", Of<UserAccounts>(nameof(UserAccounts.SetActiveAsync)), "POST /api/users/{id}/disable", c => c.AccountsAsync((accounts, actor) =>
            accounts.SetActiveAsync(c.Id, active: false, actor))),
        new("UsersPage", Of<UserAccounts>(nameof(UserAccounts.SetActiveAsync)), "POST /api/users/{id}/enable", c => c.AccountsAsync((accounts, actor) =>
            accounts.SetActiveAsync(c.Id, active: true, actor))),
        new("UsersPage", Of<UserAccounts>(nameof(UserAccounts.UnlockAsync)), "POST /api/users/{id}/unlock", c => c.AccountsAsync((accounts, actor) =>
            accounts.UnlockAsync(c.Id, actor))),
        new("PasswordDialog", Of<UserAccounts>(nameof(UserAccounts.ResetPasswordAsync)), "POST /api/users/{id}/password", c => c.AccountsAsync((accounts, actor) =>
            accounts.ResetPasswordAsync(c.Id, "matrix-secret-2026", actor))),
        // The imports page (issue 16): uploading, mapping and committing write; the reads have no twin (nothing to show changed).
        new("ImportsPage", Of<ImportService>(nameof(ImportService.UploadAsync)), "POST /api/imports", async c => await c.Get<ImportService>()
            .UploadAsync(new MemoryStream(c.App.ImportCsv()), "handler.csv", await c.ActorAsync())),
        new("ImportsPage", Of<ImportService>(nameof(ImportService.MapAsync)), "PUT /api/imports/{id}/mapping", async c => await c.Get<ImportService>()
            .MapAsync(c.Id, [.. MatrixSubjects.ImportColumns.Select((f, i) => i == 1 ? null : (ImportField?)f)], await c.ActorAsync())),
        new("ImportsPage", Of<ImportService>(nameof(ImportService.CommitAsync)), "POST /api/imports/{id}/commit", async c => await c.Get<ImportService>()
            .CommitAsync(c.Id, new ImportCommitRequest(null), await c.ActorAsync())),
        new("ImportsPage", Of<ImportService>(nameof(ImportService.PreviewAsync)), null, async c => await c.Get<ImportService>()
            .PreviewAsync(Guid.NewGuid(), await c.ActorAsync())),
        new("ImportsPage", Of<ImportService>(nameof(ImportService.ListAsync)), null, async c => await c.Get<ImportService>().ListAsync(await c.ActorAsync())),
        new("ImportsPage", Of<ImportService>(nameof(ImportService.ErrorsFileAsync)), null, async c => await c.Get<ImportService>()
            .ErrorsFileAsync(Guid.NewGuid(), System.Globalization.CultureInfo.InvariantCulture, await c.ActorAsync())),
        // The delivery log's Resend (issue 17 §5): the page calls DeliveryAdmin, which hands the actor on to the outbox; each checks it.
        new("DeliveryLogPage", Of<DeliveryAdmin>(nameof(DeliveryAdmin.ResendAsync)), "POST /api/deliveries/{id}/resend", async c => await c.Get<DeliveryAdmin>()
            .ResendAsync(c.Id, await c.ActorAsync(), CancellationToken.None)),
        new("DeliveryLogPage", Of<DeliveryOutbox>(nameof(DeliveryOutbox.ResendAsync)), "POST /api/deliveries/{id}/resend", async c => await c.Get<DeliveryOutbox>()
            .ResendAsync(c.Id, await c.ActorAsync(), c.App.Clock.GetUtcNow(), CancellationToken.None)),
        // Two faults decision 0016 closed, on the person themself: a disabled admin enables his own row; a demoted one makes himself admin again.
        new("UsersPage", Of<UserAccounts>(nameof(UserAccounts.SetActiveAsync)), null, c => c.AccountsAsync((accounts, actor) =>
            accounts.SetActiveAsync(c.Self.Id, active: true, actor))),
        new("UsersPage", Of<UserAccounts>(nameof(UserAccounts.ChangeRoleAsync)), null, c => c.AccountsAsync((accounts, actor) =>
            accounts.ChangeRoleAsync(c.Self.Id, Role.Admin, actor))),
    ];

    private static string Of<TService>(string method) => $"{typeof(TService).Name}.{method}";

    private static string Name(Handler handler) => $"{handler.Component}: {handler.Method} {handler.Twin ?? "(on themself)"}";

    public static TheoryData<string, Revoked> RevokedCases()
    {
        var data = new TheoryData<string, Revoked>();
        foreach (var handler in Handlers)
        {
            foreach (var revoked in Enum.GetValues<Revoked>())
            {
                data.Add(Name(handler), revoked);
            }
        }

        return data;
    }

    public static TheoryData<string> CurrentCases() => new(Handlers.Where(h => h.Twin is not null).Select(Name));

    [Theory]
    [MemberData(nameof(RevokedCases))]
    public async Task ARevokedPersonsOpenPageCannotSave(string name, Revoked revoked)
    {
        var handler = Handlers.Single(h => Name(h) == name);
        var person = await app.NewPersonAsync(revoked switch
        {
            Revoked.DisabledRep => Role.Rep,
            Revoked.DemotedManager => Role.Manager,
            _ => Role.Admin,
        });
        var principal = await PagePrincipalAsync(person);
        var subject = handler.Twin is null ? null : await app.PrepareAsync(handler.Twin, owner: revoked == Revoked.DisabledRep ? person : null);
        await app.RevokeAsync(person, disable: revoked is Revoked.DisabledRep or Revoked.DisabledAdmin);
        var before = await app.SnapshotAsync();

        var error = await ClickAsync(handler, principal, person, subject);

        Assert.True(error is AccessDeniedException, $"{name} as {revoked}: expected AccessDeniedException, got {error?.GetType().Name ?? "a save"} {error?.Message}");
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(CurrentCases))]
    public async Task APersonWhoseAccessHoldsSaves(string name)
    {
        var handler = Handlers.Single(h => Name(h) == name);
        var person = await app.NewPersonAsync(Role.Admin);
        var principal = await PagePrincipalAsync(person);
        var subject = await app.PrepareAsync(handler.Twin!);
        var before = await app.SnapshotAsync();

        var error = await ClickAsync(handler, principal, person, subject);

        Assert.True(error is null, $"{name}: {error}");
        Assert.NotEqual(before, await app.SnapshotAsync());
    }

    [Fact]
    public void EveryServiceMethodThatTakesAnActorHasARow()
    {
        var methods = new[] { typeof(DealService).Assembly, typeof(Program).Assembly }
            .SelectMany(assembly => assembly.GetExportedTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            // A save is asynchronous; a synchronous method taking an actor only shapes what that actor reads (ActionItemView.As).
            .Where(method => typeof(Task).IsAssignableFrom(method.ReturnType) && method.GetParameters().Any(p => p.ParameterType == typeof(Actor)))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(methods, Handlers.Select(h => h.Method).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The sign-in an open page holds: the person signs in with the browser's form, and the app's cookie handler reads
    /// that cookie as it does for the page's first request (which hands its user to the circuit).
    /// </summary>
    private async Task<ClaimsPrincipal> PagePrincipalAsync(Person person)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signedIn = await SignInForm.PostAsync(browser, person.Email, PipelineApp.Password);
        var cookies = signedIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("kap.auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]);

        await using var scope = app.Services.CreateAsyncScope();
        var request = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        request.Request.Scheme = "http";
        request.Request.Host = new HostString("localhost");
        request.Request.Headers.Cookie = string.Join("; ", cookies);
        scope.ServiceProvider.GetService<IHttpContextAccessor>()?.HttpContext = request;
        var result = await request.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        Assert.True(result.Succeeded, $"The page sign-in of {person.Email} was not read: {result.Failure?.Message}");
        return result.Principal!;
    }

    /// <summary>Runs <paramref name="handler"/> in a circuit's scope signed in as <paramref name="principal"/>; the exception it threw, if any.</summary>
    private async Task<Exception?> ClickAsync(Handler handler, ClaimsPrincipal principal, Person self, PreparedDeal? subject)
    {
        await using var circuit = app.Services.CreateAsyncScope();
        var state = (IHostEnvironmentAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await Record.ExceptionAsync(() => handler.Run(new Click(circuit.ServiceProvider, self, subject, app)));
    }
}

public sealed class SqliteServerHandlerAuthorizationTests(SqliteApp app) : ServerHandlerAuthorizationTests<SqliteApp>(app);

public sealed class PostgresServerHandlerAuthorizationTests(PostgresApp app) : ServerHandlerAuthorizationTests<PostgresApp>(app);
