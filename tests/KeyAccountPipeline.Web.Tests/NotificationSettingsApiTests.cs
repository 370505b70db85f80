using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 17 §4, §6: a person's notification settings (<c>GET/PUT /api/me/notification-settings</c>: event × channel,
/// language, the email and whether it is confirmed; defaults until the first save; 409 on a stale version), what the
/// outbox asks (<see cref="NotificationPreferences.ChannelsForAsync"/>), email confirmation, and the app's language switch
/// kept on the person. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class NotificationSettingsApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private const string Settings = "/api/me/notification-settings";

    private static object Body(int version, string? language = null, Dictionary<string, string[]>? choices = null) => new { choices, language, version };

    private async Task<Person> ConfirmedPersonAsync() => await app.NewPersonAsync(Role.Rep);

    private async Task<Person> UnconfirmedPersonAsync()
    {
        var person = await app.NewPersonAsync(Role.Rep);
        await app.SetEmailConfirmedAsync(person, false);
        return person;
    }

    [Fact]
    public async Task APersonWhoNeverSavedSeesTheDefaultsTheirLanguageAndTheirEmail()
    {
        var person = await ConfirmedPersonAsync();

        var settings = await app.ClientFor(person).GetJsonAsync(Settings);

        Assert.Equal(0, settings["version"]!.GetValue<int>());
        Assert.Equal("zh-CN", settings["language"]!.GetValue<string>());
        Assert.Equal(person.Email, settings["email"]!.GetValue<string>());
        Assert.True(settings["emailConfirmed"]!.GetValue<bool>());
        var choices = settings["choices"]!.AsObject();
        Assert.Equal(NotificationDefaults.Choosable.Select(NotificationPreferences.WireName).Order(), choices.Select(c => c.Key).Order());
        Assert.Equal(["email", "weCom", "dingTalk", "feishu"], choices["dealRegressed"].Strings());
        Assert.Equal(["email"], choices["coachingNote"].Strings());
        Assert.Empty(choices["actionDueTomorrow"].Strings());
        Assert.False(choices.ContainsKey("confirmEmail"));
    }

    [Fact]
    public async Task SavedChoicesAndLanguageAreWhatTheOutboxIsToldAndTheKindsNotSentKeepTheirs()
    {
        var person = await ConfirmedPersonAsync();
        var client = app.ClientFor(person);

        var saved = await client.SendOkAsync(HttpMethod.Put, Settings, Body(0, "en-US", new() { ["dealRegressed"] = ["weCom"], ["actionDueTomorrow"] = ["EMAIL", "feishu"] }));

        Assert.Equal(1, saved["version"]!.GetValue<int>());
        var read = await client.GetJsonAsync(Settings);
        Assert.Equal(1, read["version"]!.GetValue<int>());
        Assert.Equal("en-US", read["language"]!.GetValue<string>());
        Assert.Equal(["weCom"], read["choices"]!["dealRegressed"].Strings());
        Assert.Equal(["email", "feishu"], read["choices"]!["actionDueTomorrow"].Strings());
        Assert.Equal(["email"], read["choices"]!["coachingNote"].Strings());
        Assert.Equal("en-US", await app.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Language).SingleAsync()));
        var preferences = app.Services.GetRequiredService<NotificationPreferences>();
        Assert.Equal([DeliveryChannel.WeCom], await preferences.ChannelsForAsync(person.Id, NotificationKind.DealRegressed));
        Assert.Equal([DeliveryChannel.Email], await preferences.ChannelsForAsync(person.Id, NotificationKind.ConfirmEmail));
        var batch = await preferences.ForPeopleAsync([person.Id, app.OtherRep.Id]);
        Assert.Equal([DeliveryChannel.Email, DeliveryChannel.Feishu], batch[person.Id].For(NotificationKind.ActionDueTomorrow).Order());
        Assert.Equal(NotificationDefaults.For(NotificationKind.DealRegressed).Order(), batch[app.OtherRep.Id].For(NotificationKind.DealRegressed).Order());

        var next = await client.SendOkAsync(HttpMethod.Put, Settings, Body(1, choices: new() { ["dealRegressed"] = [] }));
        Assert.Equal(2, next["version"]!.GetValue<int>());
        Assert.Empty(next["choices"]!["dealRegressed"].Strings());
        Assert.Equal("en-US", next["language"]!.GetValue<string>());
    }

    [Fact]
    public async Task AStaleVersionIsAConflictWithTheCurrentSettingsAndNothingIsWritten()
    {
        var person = await ConfirmedPersonAsync();
        var client = app.ClientFor(person);
        await client.SendOkAsync(HttpMethod.Put, Settings, Body(0, choices: new() { ["weeklyDigest"] = ["dingTalk"] }));

        var stale = await client.PutAsJsonAsync(Settings, Body(0, "en-US", new() { ["weeklyDigest"] = [] }));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var current = (await stale.ReadJsonAsync())["current"]!;
        Assert.Equal(1, current["version"]!.GetValue<int>());
        Assert.Equal(["dingTalk"], current["choices"]!["weeklyDigest"].Strings());
        var read = await client.GetJsonAsync(Settings);
        Assert.Equal(["dingTalk"], read["choices"]!["weeklyDigest"].Strings());
        Assert.Equal("zh-CN", read["language"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadSettings => new()
    {
        { """{"choices":{"dealRegresed":["email"]},"version":0}""", "choices.dealRegresed" },
        { """{"choices":{"dealRegressed":["pager"]},"version":0}""", "choices.dealRegressed" },
        { """{"choices":{"dealRegressed":["1"]},"version":0}""", "choices.dealRegressed" },
        { """{"choices":{"confirmEmail":[]},"version":0}""", "choices.confirmEmail" },
        { """{"choices":{"3":["email"]},"version":0}""", "choices.3" },
        { """{"choices":{"dealRegressed":"email"},"version":0}""", "choices.dealRegressed" },
        { """{"language":"fr-FR","version":0}""", "language" },
        { """{"language":"","version":0}""", "language" },
        { """{"choices":{}}""", "version" },
        { """{"version":-1}""", "version" },
        { """{"version":"one"}""", "version" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task BadSettingsAreRefusedNamingTheFieldAndNothingIsWritten(string body, string field)
    {
        var person = await ConfirmedPersonAsync();

        await (await app.ClientFor(person).PutAsync(Settings, ApiClient.RawJson(body))).AssertFieldErrorAsync(field);

        Assert.Equal(0, await app.QueryAsync(db => db.NotificationSettings.CountAsync(s => s.PersonId == person.Id)));
        Assert.Equal("zh-CN", await app.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Language).SingleAsync()));
    }

    [Fact]
    public async Task ChoosingEmailForAnEventWithAnUnconfirmedAddressIsRefusedNamingEachEvent()
    {
        var person = await UnconfirmedPersonAsync();
        var client = app.ClientFor(person);
        Assert.False((await client.GetJsonAsync(Settings))["emailConfirmed"]!.GetValue<bool>());

        var refused = await client.PutAsJsonAsync(Settings, Body(0, "en-US", new() { ["actionDueTomorrow"] = ["email"], ["teamStalled"] = ["weCom"], ["dealAssigned"] = ["email"] }));

        var problem = await refused.AssertFieldErrorAsync("choices.actionDueTomorrow");
        Assert.Contains("Confirm your email first", problem["errors"]!["choices.actionDueTomorrow"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(problem["errors"]!.AsObject().ContainsKey("choices.dealAssigned")); // email there is the default, not a new choice
        Assert.False(problem["errors"]!.AsObject().ContainsKey("choices.teamStalled"));
        Assert.Equal(0, await app.QueryAsync(db => db.NotificationSettings.CountAsync(s => s.PersonId == person.Id)));
        // Keeping a default that includes email, or choosing robots only, is allowed.
        await client.SendOkAsync(HttpMethod.Put, Settings, Body(0, choices: new() { ["dealAssigned"] = ["email"], ["teamStalled"] = ["weCom"] }));
    }

    [Fact]
    public async Task AConfirmationEmailCarriesALinkThatConfirmsTheAddressAfterWhichEmailMayBeChosen()
    {
        var person = await UnconfirmedPersonAsync();
        var client = app.ClientFor(person);

        var sent = await client.PostOkAsync("/api/me/email/confirmation", new { });
        var again = await client.PostOkAsync("/api/me/email/confirmation", new { });

        Assert.True(sent["sent"]!.GetValue<bool>());
        Assert.False(sent["emailConfirmed"]!.GetValue<bool>());
        Assert.False(again["sent"]!.GetValue<bool>()); // the same minute: one message
        var notification = await app.QueryAsync(db => db.Notifications.SingleAsync(n => n.PersonId == person.Id));
        Assert.Equal(NotificationKind.ConfirmEmail, notification.Kind);
        Assert.Null(notification.PlannedAt); // waiting for the outbox
        var messages = app.Services.GetRequiredService<NotificationMessages>();
        var english = messages.Render(notification, CultureInfo.GetCultureInfo("en-US"));
        var chinese = messages.Render(notification, CultureInfo.GetCultureInfo("zh-CN"));
        var link = english.Link!;
        Assert.StartsWith($"http://localhost:5000/account/confirm-email?user={person.Id:D}&token=", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("Confirm your email address", english.Subject);
        Assert.Equal("请确认你的邮箱", chinese.Subject);
        foreach (var message in new[] { english, chinese })
        {
            Assert.Contains(link.AbsoluteUri, message.Text, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(link.AbsoluteUri), message.Html, StringComparison.Ordinal);
            Assert.Contains($"({link.AbsoluteUri})", message.Markdown, StringComparison.Ordinal);
            Assert.Contains(person.Email, message.Text, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await client.GetJsonAsync("/api/notifications"))["total"]!.GetValue<int>()); // not the bell's

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var forged = await browser.GetStringAsync($"/account/confirm-email?user={person.Id:D}&token=forged");
        Assert.Contains("not valid or has expired", forged, StringComparison.Ordinal);
        Assert.False((await client.GetJsonAsync(Settings))["emailConfirmed"]!.GetValue<bool>());

        var page = await browser.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"Your email {person.Email} is confirmed", System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True((await client.GetJsonAsync(Settings))["emailConfirmed"]!.GetValue<bool>());
        await client.SendOkAsync(HttpMethod.Put, Settings, Body(0, choices: new() { ["actionDueTomorrow"] = ["email"] }));
        var confirmed = await client.PostOkAsync("/api/me/email/confirmation", new { });
        Assert.False(confirmed["sent"]!.GetValue<bool>());
        Assert.True(confirmed["emailConfirmed"]!.GetValue<bool>());
        Assert.Equal(1, await app.QueryAsync(db => db.Notifications.CountAsync(n => n.PersonId == person.Id)));
    }

    [Fact]
    public async Task SwitchingTheAppsLanguageKeepsItAsTheLanguageMessagesReachThePersonIn()
    {
        var person = await ConfirmedPersonAsync();
        var browser = await SignInForm.BrowserAsync(app, person);

        var english = await browser.GetAsync("/culture/en?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        Assert.Equal("en-US", (await app.ClientFor(person).GetJsonAsync(Settings))["language"]!.GetValue<string>());
        await browser.GetAsync("/culture/zh-CN?returnUrl=%2F");
        Assert.Equal("zh-CN", await app.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Language).SingleAsync()));
    }
}

public sealed class SqliteNotificationSettingsApiTests(InboxApps.Sqlite app) : NotificationSettingsApiTests<InboxApps.Sqlite>(app);

public sealed class PostgresNotificationSettingsApiTests(InboxApps.Postgres app) : NotificationSettingsApiTests<InboxApps.Postgres>(app);
