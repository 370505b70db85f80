using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Admin;

/// <summary>
/// The playbook editor's inputs under the paths their errors are named with (<c>stages[2].gate.power</c>), so the
/// error summary at the top can move the focus, and the screen, to the field a message is about. The editors
/// register each input with <c>@ref="Focus[path]"</c>; a tab's inputs are registered while that tab is shown.
/// </summary>
public sealed class FieldFocus
{
    private readonly Dictionary<string, Func<ValueTask>> _inputs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers a text or number input under <paramref name="path"/>; other components are ignored.</summary>
    public object? this[string path]
    {
        set
        {
            Func<ValueTask>? focus = value switch
            {
                MudBaseInput<string> text => text.FocusAsync,
                MudBaseInput<int?> number => number.FocusAsync,
                _ => null,
            };
            if (focus is not null)
            {
                _inputs[path] = focus;
            }
        }
    }

    /// <summary>
    /// Focuses the input registered under <paramref name="path"/>; for a message about a whole row, ladder or list
    /// (<c>stages[2].gate</c>, <c>factors[1].levels</c>, <c>stages</c>), the first input inside it; failing that, the
    /// first inside the path's parent. False when nothing on the page fits.
    /// </summary>
    public async Task<bool> FocusAsync(string path)
    {
        for (var scope = path; scope.Length > 0; scope = Parent(scope))
        {
            var input = _inputs.TryGetValue(scope, out var exact) ? exact : _inputs.FirstOrDefault(i => Within(i.Key, scope)).Value;
            try
            {
                if (input is not null)
                {
                    await input();
                    return true;
                }
            }
            catch (Microsoft.JSInterop.JSException)
            {
                // An input of a tab no longer shown: its element is gone; look further out.
                _inputs.Remove(scope);
            }
        }

        return false;
    }

    private static bool Within(string key, string scope) =>
        key.StartsWith(scope, StringComparison.OrdinalIgnoreCase) && key.Length > scope.Length && key[scope.Length] is '.' or '[';

    /// <summary><c>stages[2].gate</c> → <c>stages[2]</c> → <c>stages</c> → "".</summary>
    private static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
