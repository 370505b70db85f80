using System.Net.Sockets;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Email over SMTP with MailKit: one multipart/alternative message (the text part first, the HTML part last, as RFC 2046
/// orders them, so a mail app shows the HTML and a plain reader the text) to <see cref="Delivery.Address"/>, through the
/// admin's mail server (host, port, TLS mode, account and protected password). A 4xx reply, a dropped connection or a
/// timeout is RetryLater; a 5xx reply (no such mailbox, relay refused) or a refused sign-in is Failed.
/// </summary>
public sealed class EmailSender(ChannelStore channels, ILogger<EmailSender> logger) : IDeliverySender
{
    /// <summary>How long one connection, sign-in or command may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public DeliveryChannel Channel => DeliveryChannel.Email;

    public async Task<SendOutcome> SendAsync(Delivery delivery, NotificationMessage message, CancellationToken cancellationToken)
    {
        var target = delivery.ChannelId is { } id ? await channels.TargetAsync(id, cancellationToken) : await channels.EmailTargetAsync(cancellationToken);
        if (target?.Email is not { } server)
        {
            return new SendOutcome.Failed("Email: no mail server is configured or it is disabled.");
        }

        if (!MailboxAddress.TryParse(delivery.Address, out var to))
        {
            return new SendOutcome.Failed("Email: the address is not a valid email address.");
        }

        using var mail = Build(message, MailboxAddress.Parse(server.Sender), to);
        using var smtp = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(server.Host, server.Port, Socket(server.Tls), cancellationToken);
            if (server.Account is not null)
            {
                await smtp.AuthenticateAsync(server.Account, target.Secrets.Password ?? string.Empty, cancellationToken);
            }

            await smtp.SendAsync(mail, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return new SendOutcome.Sent();
        }
        catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500)
        {
            return new SendOutcome.Failed($"Email: the server refused ({(int)refused.StatusCode}): {refused.Message}");
        }
        catch (SmtpCommandException deferred)
        {
            return new SendOutcome.RetryLater($"Email: the server deferred ({(int)deferred.StatusCode}): {deferred.Message}");
        }
        catch (AuthenticationException denied)
        {
            return new SendOutcome.Failed($"Email: the server refused the account: {denied.Message}");
        }
        catch (Exception error) when (error is SmtpProtocolException or IOException or SocketException or SslHandshakeException or ServiceNotConnectedException or TimeoutException
                                      || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogInformation("Email to the mail server {Host}:{Port} not delivered now: {Error}", server.Host, server.Port, error.Message);
            return new SendOutcome.RetryLater($"Email: the mail server could not be reached ({error.Message}).");
        }
    }

    /// <summary>The message: subject, the text part and the HTML part as alternatives (the link is already in both).</summary>
    public static MimeMessage Build(NotificationMessage message, MailboxAddress from, MailboxAddress to)
    {
        var mail = new MimeMessage { Subject = message.Subject };
        mail.From.Add(from);
        mail.To.Add(to);
        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        mail.Body = body.ToMessageBody();
        return mail;
    }

    private static SecureSocketOptions Socket(SmtpTls tls) => tls switch
    {
        SmtpTls.None => SecureSocketOptions.None,
        SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
