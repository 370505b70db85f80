using System.Text;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>
/// What a call of the authorization matrices acts on: a deal (or review, action item, person) of the case's own, in
/// the state the call needs, and the id that goes in place of <c>{id}</c> / <c>{sid}</c>.
/// </summary>
/// <param name="ChangeId">For a correction: the checkpoint change the deal's owner recorded on it, for <c>{cid}</c>.</param>
public sealed record PreparedDeal(Guid Id, int Version, Guid? StakeholderId, Guid? ChangeId = null);

/// <summary>
/// Subjects, revoked people and database snapshots shared by the API matrix, the page matrix and the server-side handler
/// tests, which name an API endpoint ("POST /api/deals/{id}/close") for the state a call needs.
/// </summary>
public static class MatrixSubjects
{
    /// <summary>
    /// A subject for <paramref name="endpoint"/>: a deal owned by <paramref name="owner"/> (default <see cref="PipelineApp.Rep"/>)
    /// — closed to reopen, on hold to resume, with a stakeholder for <c>{sid}</c> —; a review or its action item for the review
    /// calls; a person of its own (a rep) for a user call, since changing a fixture person would change the other cases.
    /// </summary>
    public static async Task<PreparedDeal> PrepareAsync(this PipelineApp app, string endpoint, Person? owner = null)
    {
        if (endpoint.Contains("/api/users/{id}", StringComparison.Ordinal))
        {
            var person = await app.NewPersonAsync(Role.Rep);
            if (endpoint.EndsWith("/unlock", StringComparison.Ordinal))
            {
                await app.LockOutAsync(person.Id);
            }

            return new PreparedDeal(person.Id, 0, null);
        }

        if (endpoint.Contains("/api/deliveries/{id}", StringComparison.Ordinal))
        {
            return new PreparedDeal(await app.FailedDeliveryAsync(), 0, null);
        }

        if (endpoint.Contains("/api/channels/{id}", StringComparison.Ordinal))
        {
            // A robot of its own, at a port nothing answers on (the test message then reports it), in place of the deal.
            var channel = await app.ClientFor(app.Admin).PostOkAsync("/api/channels", new
            {
                kind = "weCom", name = "Matrix robot", enabled = true, everyone = true, webhookUrl = "http://127.0.0.1:9/cgi-bin/webhook/send?key=matrix",
            });
            return new PreparedDeal(channel["id"]!.GetValue<Guid>(), channel["version"]!.GetValue<int>(), null);
        }

        var manager = app.ClientFor(app.Manager);
        if (endpoint.Contains("/api/imports/{id}", StringComparison.Ordinal))
        {
            // An import of one valid row, previewed and not yet committed, in place of the deal.
            var upload = await manager.PostAsync("/api/imports", app.ImportForm());
            Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
            return new PreparedDeal((await upload.ReadJsonAsync())["id"]!.GetValue<Guid>(), 0, null);
        }

        var card = await manager.PostOkAsync("/api/deals", new
        {
            customer = $"Matrix Logistics {Guid.NewGuid():N}",
            industry = "Retail",
            title = "Cold chain",
            serviceLine = "transport",
            ownerId = (owner ?? app.Rep).Id,
            annualValue = 1_000_000m,
            targetCloseDate = new DateOnly(2027, 3, 31),
        });
        var id = card["id"]!.GetValue<Guid>();
        if (endpoint.Contains("/reviews/{id}", StringComparison.Ordinal) || endpoint.Contains("/action-items/{id}", StringComparison.Ordinal))
        {
            // A review of the deal with an action item for the deal's owner, in place of the deal.
            var review = await manager.PostOkAsync("/api/reviews", new
            {
                heldOn = PipelineApp.StartDate, attendees = new[] { app.Manager.Id },
                notes = new[] { new { dealId = id, note = "Matrix meeting note" } },
                actionItems = new[] { new { dealId = id, ownerId = (owner ?? app.Rep).Id, text = "Send the quote", dueOn = PipelineApp.StartDate.AddDays(30) } },
            });
            return new PreparedDeal(endpoint.Contains("/action-items/", StringComparison.Ordinal) ? review["actionItems"]![0]!["id"]!.GetValue<Guid>() : review["id"]!.GetValue<Guid>(), 0, null);
        }

        Guid? stakeholder = null;
        if (endpoint.Contains("{sid}", StringComparison.Ordinal))
        {
            stakeholder = (await manager.PostOkAsync($"/api/deals/{id}/stakeholders", new { name = "Chen Hao", role = "decisionMaker" }))["id"]!.GetValue<Guid>();
        }
        else if (endpoint.EndsWith("/reopen", StringComparison.Ordinal))
        {
            card = await manager.PostOkAsync($"/api/deals/{id}/close", new { outcome = "lost", reason = "price", version = 1 });
        }
        else if (endpoint.EndsWith("/resume", StringComparison.Ordinal))
        {
            card = await manager.PostOkAsync($"/api/deals/{id}/hold", new { reason = "Customer restructuring", version = 1 });
        }

        else if (endpoint.Contains("{cid}", StringComparison.Ordinal))
        {
            // Corrected by its recorder only: the owner records the change, just now.
            var recorder = app.ClientFor(owner ?? app.Rep);
            card = await recorder.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor = "power", level = 4, note = "Met the COO (tapped 4)", version = 1 });
            var change = (await recorder.GetJsonAsync($"/api/deals/{id}/history"))[0]!["id"]!.GetValue<Guid>();
            return new PreparedDeal(id, card["version"]!.GetValue<int>(), null, change);
        }

        return new PreparedDeal(id, card["version"]!.GetValue<int>(), stakeholder);
    }

    /// <summary>The fields of <see cref="ImportCsv"/>'s columns, in order.</summary>
    public static readonly ImportField[] ImportColumns =
    [
        ImportField.Customer, ImportField.Industry, ImportField.Title, ImportField.ServiceLine, ImportField.OwnerEmail, ImportField.AnnualValue,
        ImportField.TargetCloseDate,
    ];

    /// <summary>A CSV of one valid row for a new customer of its own, owned by <see cref="PipelineApp.Rep"/>, under the template's English headers.</summary>
    public static byte[] ImportCsv(this PipelineApp app) => Encoding.UTF8.GetBytes(
        string.Join(',', ImportColumns.Select(f => Data.Imports.ImportColumns.Header(f).En)) + "\n" +
        $"Matrix Import {Guid.NewGuid():N},Retail,Cold chain,Transport,{app.Rep.Email},1000000,2027-03-31\n");

    /// <summary><see cref="ImportCsv"/> as the upload's form: the file in the field "file".</summary>
    public static MultipartFormDataContent ImportForm(this PipelineApp app) => new() { { new ByteArrayContent(app.ImportCsv()), "file", "matrix.csv" } };

    /// <summary>A failed email delivery of a coaching note for <see cref="PipelineApp.Rep"/>, for a resend to act on; its id.</summary>
    public static Task<Guid> FailedDeliveryAsync(this PipelineApp app) => app.QueryAsync(async db =>
    {
        var now = app.Clock.GetUtcNow();
        var notification = new Notification(app.Rep.Id, NotificationKind.CoachingNote, null, null, now, "{}", $"matrix:{Guid.NewGuid():N}");
        notification.MarkPlanned(now);
        var delivery = new Delivery(notification.Id, app.Rep.Id, DeliveryChannel.Email, null, app.Rep.Email, now)
        {
            Status = DeliveryStatus.Failed, Attempts = 1, LastError = "550 mailbox unavailable",
        };
        db.AddRange(notification, delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    });

    /// <summary>A new active person of <paramref name="role"/> with <see cref="PipelineApp.Password"/>, added by the admin through the API.</summary>
    public static async Task<Person> NewPersonAsync(this PipelineApp app, Role role)
    {
        var email = $"matrix.{Guid.NewGuid():N}@test.cn";
        var created = await app.ClientFor(app.Admin).PostOkAsync("/api/users",
            new { name = "Matrix Person", email, role = role.ToString().ToLowerInvariant(), password = PipelineApp.Password });
        return new Person(created["id"]!.GetValue<Guid>(), "Matrix Person", email, role);
    }

    /// <summary>Locks <paramref name="personId"/>'s sign-in out for an hour, as too many failed sign-ins would.</summary>
    public static Task LockOutAsync(this PipelineApp app, Guid personId) => app.QueryAsync(db =>
        db.Users.Where(u => u.Id == personId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, app.Clock.GetUtcNow().AddHours(1))));

    /// <summary>
    /// Takes <paramref name="person"/>'s access away as another admin would, after they signed in: disables them, or demotes
    /// them to rep (decision 0016).
    /// </summary>
    public static async Task RevokeAsync(this PipelineApp app, Person person, bool disable)
    {
        var admin = app.ClientFor(app.Admin);
        if (disable)
        {
            await admin.PostOkAsync($"/api/users/{person.Id}/disable", new { });
        }
        else
        {
            await admin.SendOkAsync(HttpMethod.Put, $"/api/users/{person.Id}/role", new { role = "rep" });
        }
    }

    /// <summary>Row counts of everything a call could write, the sum of deal versions, and every person's role, state and sign-in.</summary>
    public static Task<string> SnapshotAsync(this PipelineApp app) => app.QueryAsync(async db =>
        string.Join(",",
            await db.Deals.CountAsync(), await db.Deals.SumAsync(d => d.Version), await db.Accounts.CountAsync(),
            await db.CheckpointChanges.CountAsync(), await db.Activities.CountAsync(), await db.DealEvents.CountAsync(),
            await db.Stakeholders.CountAsync(), await db.Playbooks.CountAsync(), await db.People.CountAsync(),
            await db.Channels.CountAsync(), await db.Channels.SumAsync(c => c.Version),
            await db.Reviews.CountAsync(), await db.ActionItems.CountAsync(), await db.ActionItems.CountAsync(a => a.DoneAt != null), await db.ReviewDrafts.CountAsync(),
            await db.Notifications.CountAsync(), await db.Notifications.CountAsync(n => n.ReadAt != null),
            await db.NotificationSettings.CountAsync(), string.Join(";", await db.People.OrderBy(p => p.Id).Select(p => p.Language).ToListAsync()),
            string.Join(";", await db.Imports.OrderBy(i => i.Id).Select(i => $"{i.Status} {i.Mapping}").ToListAsync()),
            string.Join(";", await db.Deliveries.OrderBy(d => d.Id).Select(d => $"{d.Status} {d.Attempts}").ToListAsync()),
            string.Join(";", await db.People.OrderBy(p => p.Id).Select(p => $"{p.Role} {p.Active}").ToListAsync()),
            string.Join(";", (await db.Users.OrderBy(u => u.Id).Select(u => new { u.SecurityStamp, u.PasswordHash, u.LockoutEnd }).ToListAsync())
                .Select(u => $"{u.SecurityStamp}{u.PasswordHash}{u.LockoutEnd?.UtcTicks}"))));
}
