using System.Text.Json;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>The playbook editor's contract follows <see cref="Factors.All"/>: one gate member per factor, each read back into its own factor.</summary>
public class PlaybookContractTests
{
    [Fact]
    public void AGateTravelsAsOneMemberPerFactorAndComesBackUnchanged()
    {
        // Each factor at its own level (need 1 … collaboration 5), so a level carried into another factor shows.
        var gate = Levels.From(f => f.Position() + 1);

        var json = JsonSerializer.SerializeToElement(GateDocument.From(gate), ApiClient.Web);
        var back = JsonSerializer.Deserialize<GateDocument>(json, ApiClient.Web)!;

        Assert.Equal(Factors.All.Select(f => f.Key()), json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Factors.All.Select(f => f.Position() + 1), json.EnumerateObject().Select(p => p.Value.GetInt32()));
        Assert.Equal(gate, back.ToLevels());
    }

    [Fact]
    public void ThePlaybookComesBackFromItsDocumentWithEveryGateAndLadder()
    {
        var playbook = DefaultPlaybook.Create();

        var back = PlaybookDocument.From(playbook).ToPlaybook();

        Assert.Equal(playbook.Factors.Select(f => (f.Key, f.MaxLevel)), back.Factors.Select(f => (f.Key, f.MaxLevel)));
        Assert.Equal(playbook.Stages.Select(s => (s.Key, s.Gate)), back.Stages.Select(s => (s.Key, s.Gate)));
    }

    [Fact]
    public void AFactorTravelsUnderTheNameEveryEnumTravelsUnder()
    {
        Assert.All(Factors.All, f => Assert.Equal(ApiEnum.Name(f), f.Key()));
    }
}
