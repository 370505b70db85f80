using System.Text.RegularExpressions;
using KeyAccountPipeline.Domain;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// Refuses passwords that are commonly used or easy to guess (decision 0014): zxcvbn (zxcvbn-core, Dropbox's estimator with
/// its list of 30,000 common passwords and English words) rates them below <see cref="MinimumScore"/>; the person's
/// email name, the app's own words and the demo's public password count as words an attacker tries first. zxcvbn 1.1
/// does not see a repeated short unit (<c>abababab12</c>), so that is checked here. Applies wherever a person's password
/// is set (<see cref="UserAccounts"/>); the demo's own sign-ins are not people's choices and keep their public password.
/// </summary>
public static partial class CommonPasswords
{
    /// <summary>zxcvbn's score 0–4; 3 is "safely unguessable" against an online attack with throttling removed.</summary>
    public const int MinimumScore = 3;

    private static readonly string[] AppWords = ["pipeline", "keyaccount", "key account", Data.Seed.DemoSeeder.Password];

    /// <summary>Why <paramref name="password"/> is refused for the person with <paramref name="email"/>, or null when it is not.</summary>
    public static Domain.Playbooks.Localized? Check(string password, string? email)
    {
        var name = email is null ? string.Empty : email.Split('@')[0].Trim();
        if (name.Length >= 3 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return ContainsEmail;
        }

        if (Repeated().IsMatch(password)
            || Zxcvbn.Zxcvbn.MatchPassword(password, name.Length >= 3 ? [.. AppWords, name] : AppWords).Score < MinimumScore)
        {
            return Common;
        }

        return null;
    }

    public static readonly Domain.Playbooks.Localized Common = RuleTexts.CommonPassword;

    public static readonly Domain.Playbooks.Localized ContainsEmail = RuleTexts.PasswordContainsEmail;

    /// <summary>A unit of up to four characters repeated (<c>abababab</c>, <c>xyzxyzxyz</c>), optionally followed by digits or symbols.</summary>
    [GeneratedRegex(@"^(.{1,4})\1{2,}[\d\W_]*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Repeated();
}
