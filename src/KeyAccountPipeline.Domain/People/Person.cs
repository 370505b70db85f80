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
}
