namespace KeyAccountPipeline.Domain.People;

public enum Role
{
    Rep,
    Manager,
    Admin,
}

public sealed class Person
{
    private Person()
    {
        Name = Email = NameKey = string.Empty;
    }

    public Person(Guid id, string name, string email, Role role)
    {
        Id = id;
        Name = name;
        NameKey = TextKey.Fold(name);
        Email = email;
        Role = role;
        Active = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary><see cref="Name"/> folded by <see cref="TextKey.Fold"/>, so a search finds the deals a person owns.</summary>
    public string NameKey { get; private set; }

    public string Email { get; private set; }

    public Role Role { get; private set; }

    public bool Active { get; private set; }

    /// <summary>
    /// The language notifications, emails and digests reach this person in: "zh-CN" (the default) or "en-US", kept from
    /// the last language they chose in the app or in their notification settings (issue 17 §1).
    /// </summary>
    public string Language { get; private set; } = DefaultLanguage;

    /// <summary>The language of a person who never chose one.</summary>
    public const string DefaultLanguage = "zh-CN";

    /// <summary>The languages the app speaks, as culture names.</summary>
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en-US"];

    /// <summary>Keeps <paramref name="language"/> when it is one of <see cref="Languages"/>; anything else is ignored.</summary>
    public void ChooseLanguage(string? language)
    {
        if (language is not null && Languages.Contains(language))
        {
            Language = language;
        }
    }

    public Actor AsActor() => new(Id, Role);

    /// <summary>Recomputes the key from the name: for rows stored before keys existed, or after the fold changed.</summary>
    public void RefreshTextKeys() => NameKey = TextKey.Fold(Name);

    public void ChangeRole(Role role) => Role = role;

    /// <summary>A disabled person keeps their history but can no longer sign in or act.</summary>
    public void Disable() => Active = false;

    public void Enable() => Active = true;
}
