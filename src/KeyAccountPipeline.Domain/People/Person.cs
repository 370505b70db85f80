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

    public Actor AsActor() => new(Id, Role);

    /// <summary>Recomputes the key from the name: for rows stored before keys existed, or after the fold changed.</summary>
    public void RefreshTextKeys() => NameKey = TextKey.Fold(Name);

    public void ChangeRole(Role role) => Role = role;

    /// <summary>A disabled person keeps their history but can no longer sign in or act.</summary>
    public void Disable() => Active = false;

    public void Enable() => Active = true;
}
