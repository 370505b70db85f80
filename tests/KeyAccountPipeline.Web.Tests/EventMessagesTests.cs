using System.Globalization;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Notifications;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>Issue 17 §1: every event reads in Chinese and in English, in each shape a channel needs, linking to its deal.</summary>
public sealed class EventMessagesTests
{
    private static readonly Guid DealId = Guid.Parse("0190f3c4-0000-7000-8000-000000000001");

    private static readonly EventMessages Messages = new(NotificationPublicUrl.For(new Uri("https://pipeline.example.cn/")));

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    private static readonly NotificationFacts Facts = new(DealTitle: "Seven warehouses", Customer: "Huaxin 3C", ActorName: "Wang Lei", Factor: "power",
        FromLevel: 4, ToLevel: 2, Note: "The COO left", ActionText: "Send the quote", DueOn: new DateOnly(2026, 6, 18), Outcome: "lost", Days: 1,
        OwnerName: "Li Na", FactorName: new Localized("权力", "Power"));

    public static TheoryData<NotificationKind> Events => [.. Enum.GetValues<NotificationKind>().Where(k => k is not (NotificationKind.WeeklyDigest or NotificationKind.ConfirmEmail))];

    [Theory]
    [MemberData(nameof(Events))]
    public void EveryEventReadsInBothLanguagesWithItsDealAndLink(NotificationKind kind)
    {
        Assert.True(Messages.Renders(kind));
        var notification = EventNotifications.New(Guid.NewGuid(), kind, DealId, Guid.NewGuid(), DateTimeOffset.UnixEpoch, Facts, "test");

        var zh = Messages.Render(notification, Zh);
        var en = Messages.Render(notification, En);

        foreach (var message in new[] { zh, en })
        {
            Assert.Equal(new Uri($"https://pipeline.example.cn/deals/{DealId}"), message.Link);
            Assert.DoesNotContain("{", message.Subject);
            Assert.Contains(message.Link!.AbsoluteUri, message.Text);
            Assert.Contains(message.Link.AbsoluteUri, message.Html);
            Assert.Contains(message.Link.AbsoluteUri, message.Markdown);
        }

        Assert.NotEqual(zh.Subject, en.Subject);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh.Subject);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", en.Subject);
        Assert.Contains(kind is NotificationKind.ActionAssigned or NotificationKind.ActionDueTomorrow or NotificationKind.ActionOverdue ? "Send the quote" : "Seven warehouses", en.Subject);
    }

    [Fact]
    public void TheDigestAndTheEmailConfirmationAreLeftToTheirOwnRenderers()
    {
        Assert.False(Messages.Renders(NotificationKind.WeeklyDigest));
        Assert.False(Messages.Renders(NotificationKind.ConfirmEmail));
    }

    [Fact]
    public void DaysAndDueDaysReadInEachLanguage()
    {
        var overdue = EventNotifications.New(Guid.NewGuid(), NotificationKind.ActionOverdue, DealId, null, DateTimeOffset.UnixEpoch, Facts with { Days = 3 }, "t");
        var stalled = EventNotifications.New(Guid.NewGuid(), NotificationKind.DealStalled, DealId, null, DateTimeOffset.UnixEpoch, Facts with { Days = 1 }, "t");

        Assert.Contains("Due: 18 Jun 2026", Messages.Render(overdue, En).Text);
        Assert.Contains("Overdue by 3 days", Messages.Render(overdue, En).Text);
        Assert.Contains("截止日期：2026年6月18日", Messages.Render(overdue, Zh).Text);
        Assert.Equal("Your deal Huaxin 3C – Seven warehouses has stalled: no factor advanced in 1 day", Messages.Render(stalled, En).Subject);
        Assert.Contains("「Huaxin 3C · Seven warehouses」", Messages.Render(stalled, Zh).Subject);
    }
}

/// <summary>"Person X has new notifications" travels between instances as "inbox:{id}" and is never read as a deal or a sign-in change.</summary>
public sealed class InboxChangeTests
{
    [Fact]
    public void AnInboxChangeRoundTripsThroughItsPayload()
    {
        var person = Guid.NewGuid();
        var change = PipelineChange.Inbox(person);

        Assert.Equal($"inbox:{person:D}", change.Payload);
        var read = PipelineChange.Parse(change.Payload);
        Assert.Equal(change, read);
        Assert.Equal(PipelineChangeKind.Inbox, read.Kind);
        Assert.Equal(default, read.DealId);
        Assert.Equal(PipelineChangeKind.Anything, PipelineChange.Parse("inbox:not-a-guid").Kind);
    }
}
