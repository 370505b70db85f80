using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;

namespace KeyAccountPipeline.Web.Components.Board;

/// <summary>
/// The board on a phone (docs/decisions/0028-phone-board.md): one stage at a time, picked with the stage switcher, at
/// full width; "Mine" narrows it to the signed-in person's deals. Both live in the URL, so Back and a reload keep them.
/// Which view a screen gets is CSS's choice (BoardPage.razor.css, below 720 px): the page draws both the same way.
/// </summary>
public partial class BoardPage
{
    /// <summary>The query name of the stage a phone shows: a stage's key, "won" or "lost". Not a filter: a wide screen shows every column.</summary>
    public const string ShowName = "show";

    /// <summary>The closed columns' keys, as <see cref="ShowName"/> takes them.</summary>
    public const string WonKey = "won", LostKey = "lost";

    [SupplyParameterFromQuery(Name = ShowName)] public string? Show { get; set; }

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private bool _filtersOpen;

    /// <summary>
    /// The stage a phone shows: the URL's when it names one, else the first stage with a deal in view (so "Mine" opens on
    /// the rep's own work), else the first stage.
    /// </summary>
    private string ShownKey
    {
        get
        {
            var board = State!.Board;
            if (Show is { } show && (show is WonKey or LostKey || board.Columns.Any(c => c.Stage.Key == show)))
            {
                return show;
            }

            return board.Columns.FirstOrDefault(c => c.Count > 0)?.Stage.Key
                ?? (board.Won.Count > 0 ? WonKey : board.Lost.Count > 0 ? LostKey : board.Columns.FirstOrDefault()?.Stage.Key ?? WonKey);
        }
    }

    /// <summary>The switcher's choices in board order: each open stage, then won and lost, with its count in view.</summary>
    private IEnumerable<(string Key, string Name, int Count)> StageChoices =>
        State!.Board.Columns.Select(c => (c.Stage.Key, c.Stage.Name.Current, c.Count))
            .Append((WonKey, Ui.Won.Current, State.Board.Won.Count))
            .Append((LostKey, Ui.Lost.Current, State.Board.Lost.Count));

    private string ShowHref(string key) => Navigation.GetUriWithQueryParameter(ShowName, key);

    /// <summary>Whether the board shows only the signed-in person's deals: the owner filter set to them.</summary>
    private bool IsMine => _actor is { } actor && Filter.OwnerId == actor.Id;

    /// <summary>"Mine" on: the owner filter set to the signed-in person; off: no owner filter. The stage shown is picked afresh.</summary>
    private void ToggleMine() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        [DealListQuery.Names.OwnerId] = IsMine ? null : _actor?.Id.ToString(),
        [BoardFilters.OldOwnerName] = null,
        [ShowName] = null,
    }));

    /// <summary>How many filters are set, shown on the phone's "Filters" button while the filters are folded away.</summary>
    private int FiltersSet => new[] { Query.OwnerId, Query.Industry, Query.ServiceLine, Query.Flag, Query.Weakest, Query.Q }.Count(v => v is not null);
}
