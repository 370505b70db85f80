namespace KeyAccountPipeline.Domain.Deals;

/// <summary>The key-account customer company. One account can have several deals.</summary>
public sealed class Account
{
    private Account()
    {
        Name = Industry = Region = string.Empty;
    }

    public Account(Guid id, string name, string industry, string region)
    {
        Id = id;
        Name = name.Trim();
        Industry = industry.Trim();
        Region = region.Trim();
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Industry { get; private set; }

    public string Region { get; private set; }
}
