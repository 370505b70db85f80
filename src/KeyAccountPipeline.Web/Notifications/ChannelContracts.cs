using FluentValidation;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Texts;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>How the app talks TLS to the SMTP server: none, STARTTLS after connecting (port 587), or TLS from the start (port 465).</summary>
public enum SmtpTls
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// A channel as the admin writes it (<c>POST /api/channels</c>, <c>PUT /api/channels/{id}</c>, the channels page). Email uses
/// the SMTP fields, the robots <see cref="WebhookUrl"/> and (DingTalk, Feishu) <see cref="Secret"/>. In a PUT an empty
/// <see cref="WebhookUrl"/>, <see cref="Secret"/> or <see cref="Password"/> keeps the stored one, so the admin never has to
/// see it again. <see cref="Version"/> is the version the admin edited (a PUT with an older one is a 409).
/// </summary>
public sealed record ChannelRequest(
    string? Kind,
    string? Name,
    bool? Enabled,
    bool? Everyone,
    IReadOnlyList<Guid>? PersonIds,
    string? WebhookUrl,
    string? Secret,
    string? Host,
    int? Port,
    string? Tls,
    string? Account,
    string? Password,
    string? Sender,
    int? Version)
{
    public DeliveryChannel ToKind() => ApiEnum.Parse<DeliveryChannel>(Kind);

    public SmtpTls ToTls() => string.IsNullOrEmpty(Tls) ? SmtpTls.StartTls : ApiEnum.Parse<SmtpTls>(Tls);
}

/// <summary>
/// A channel as it is shown back: the SMTP settings in full except the password; a robot's webhook URL masked
/// ("https://oapi.dingtalk.com/robot/send?access_token=••••3f9a"); whether a secret or password is stored, never the value.
/// </summary>
public sealed record ChannelView(
    Guid Id,
    DeliveryChannel Kind,
    string Name,
    bool Enabled,
    bool Everyone,
    IReadOnlyList<Guid> PersonIds,
    string? WebhookUrl,
    bool HasSecret,
    string? Host,
    int? Port,
    SmtpTls? Tls,
    string? Account,
    bool HasPassword,
    string? Sender,
    int Version,
    DateTimeOffset UpdatedAt);

/// <summary>A test message's outcome (<c>POST /api/channels/{id}/test</c>): "sent", "retryLater" or "failed", with the channel's error.</summary>
public sealed record ChannelTestResult(string Outcome, string? Error);

/// <summary>
/// The channel's fields, beside its request (issue 17 "bad input"): a webhook URL absolute http(s) and not at this app itself
/// (<see cref="SelfAddresses"/>), a secret without spaces, an SMTP port 1–65535, a valid sender, a password whenever an account
/// is set. Whether an empty secret or password may keep a stored one is <see cref="ChannelStore"/>'s to check: only it
/// knows what is stored.
/// </summary>
public sealed class ChannelRequestValidator : AbstractValidator<ChannelRequest>
{
    public const int MaxUrl = 2000;
    public const int MaxSecret = 500;
    public const int MaxHost = 253;

    public ChannelRequestValidator(SelfAddresses self)
    {
        RuleFor(r => r.Kind).NotEmpty().OneOf<ChannelRequest, DeliveryChannel>();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(r => r.Enabled).NotNull();
        RuleFor(r => r.Everyone).NotNull();
        RuleFor(r => r.PersonIds).NotEmpty().When(r => r.Everyone == false);
        // Every text field is one line of bounded length whatever the kind (a field the kind does not use is refused too,
        // never stored); what each kind needs of its own fields follows.
        RuleFor(r => r.WebhookUrl).MaximumLength(MaxUrl).SingleLine();
        RuleFor(r => r.Secret).MaximumLength(MaxSecret).SingleLine();
        RuleFor(r => r.Host).MaximumLength(MaxHost).SingleLine();
        RuleFor(r => r.Tls).SingleLine();
        RuleFor(r => r.Account).MaximumLength(Limits.Email).SingleLine();
        RuleFor(r => r.Password).MaximumLength(Limits.Password).SingleLine();
        RuleFor(r => r.Sender).MaximumLength(Limits.Email).SingleLine();

        When(r => r.Kind is not null && ApiEnum.IsValid<DeliveryChannel>(r.Kind) && r.ToKind() != DeliveryChannel.Email, () =>
        {
            RuleFor(r => r.WebhookUrl)
                .Must(url => string.IsNullOrEmpty(url) || IsHttp(url)).WithMessage(Ui.WebhookNotHttp)
                .Must(url => string.IsNullOrEmpty(url) || !IsHttp(url) || !self.IsSelf(new Uri(url))).WithMessage(Ui.WebhookIsThisApp);
            RuleFor(r => r.Secret)
                .Must(secret => secret is null || !secret.Any(char.IsWhiteSpace)).WithMessage(Ui.SecretHasSpaces);
        });

        When(r => r.Kind is not null && ApiEnum.IsValid<DeliveryChannel>(r.Kind) && r.ToKind() == DeliveryChannel.Email, () =>
        {
            RuleFor(r => r.Host).NotEmpty().WithMessage(Ui.HostRequired)
                .Must(host => host is null || !host.Any(char.IsWhiteSpace)).WithMessage(Ui.HostRequired);
            RuleFor(r => r.Port).NotNull().InclusiveBetween(1, 65535).WithMessage(Ui.PortRange);
            RuleFor(r => r.Tls).OneOf<ChannelRequest, SmtpTls>();
            RuleFor(r => r.Sender).NotEmpty().WithMessage(Ui.SenderInvalid)
                .EmailAddress().WithMessage(Ui.SenderInvalid)
                .Must(sender => sender is null || MimeKit.MailboxAddress.TryParse(sender, out _)).WithMessage(Ui.SenderInvalid);
        });
    }

    /// <summary>An absolute http or https URL with a host (what a robot's webhook is).</summary>
    public static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
