using System.Diagnostics.CodeAnalysis;

namespace KeyAccountPipeline.Domain.Deals;

/// <summary>The key-account customer company. One account can have several deals.</summary>
public sealed class Account
{
    private Account()
    {
        Name = Industry = Region = NameKey = IndustryKey = string.Empty;
    }

    public Account(Guid id, string name, string industry, string region)
    {
        Id = id;
        Name = name.Trim();
        Industry = industry.Trim();
        Region = region.Trim();
        RefreshTextKeys();
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Industry { get; private set; }

    public string Region { get; private set; }

    /// <summary><see cref="Name"/> folded by <see cref="TextKey.Fold"/>: one account per key, whatever the width or case typed.</summary>
    public string NameKey { get; private set; }

    /// <summary><see cref="Industry"/> folded by <see cref="TextKey.Fold"/>, for the industry filter.</summary>
    public string IndustryKey { get; private set; }

    /// <summary>Recomputes the keys from the texts: for rows stored before keys existed, or after the fold changed.</summary>
    [MemberNotNull(nameof(NameKey), nameof(IndustryKey))]
    public void RefreshTextKeys()
    {
        NameKey = TextKey.Fold(Name);
        IndustryKey = TextKey.Fold(Industry);
    }
}
