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
        Name = Email = string.Empty;
    }

    public Person(Guid id, string name, string email, Role role)
    {
        Id = id;
        Name = name;
        Email = email;
        Role = role;
        Active = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Email { get; private set; }

    public Role Role { get; private set; }

    public bool Active { get; private set; }

    public Actor AsActor() => new(Id, Role);

    public void Rename(string name) => Name = name.Trim();

    public void ChangeEmail(string email) => Email = email.Trim();

    public void ChangeRole(Role role) => Role = role;

    /// <summary>A disabled person keeps their history but can no longer sign in or act.</summary>
    public void Disable() => Active = false;

    public void Enable() => Active = true;
}
