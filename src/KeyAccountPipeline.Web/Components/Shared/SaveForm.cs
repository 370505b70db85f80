using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using KeyAccountPipeline.Domain;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Shared;

/// <summary>
/// The one save pattern of the deal dialogs, the new-deal page and the people forms: runs the save and turns each way
/// it can be refused into what the person sees. A request the service's validator refused, or a broken domain rule: the
/// message next to its field (<see cref="Errors"/>). Not allowed for the person's role: <c>denied</c>. The deal changed by
/// someone else (or the thing edited is gone): <c>conflict</c>, when the form shows the current state. The database
/// unavailable: a message, and the form keeps what was typed (<see cref="Unavailable"/>). Nothing was written in any of these.
/// </summary>
public sealed class SaveForm
{
    private Dictionary<FieldInfo, object?>? _seen;

    public FieldErrors Errors { get; } = new();

    /// <summary>
    /// Called before each render of <paramref name="form"/> (a component's <c>ShouldRender</c>): a field whose value
    /// changed since the last render loses its error at once, so "Required." does not stay red under a field that is now
    /// filled. The form's fields are its own private instance fields (<c>_summary</c> answers the error of
    /// <c>summary</c>, <c>_evidenceDetail</c> that of <c>evidence.detail</c>: the names compared without case and
    /// punctuation).
    /// </summary>
    public void Track(object form)
    {
        var now = Fields(form).ToDictionary(f => f, f => f.GetValue(form));
        if (_seen is not null)
        {
            foreach (var field in now.Where(f => !Equals(f.Value, _seen.GetValueOrDefault(f.Key))))
            {
                Errors.RemoveFor(field.Key.Name);
            }
        }

        _seen = now;
    }

    /// <summary>The form's own typed text: its private string fields and their values.</summary>
    public static Dictionary<string, string?> Texts(object form) =>
        Fields(form).Where(f => f.FieldType == typeof(string)).ToDictionary(f => f.Name, f => (string?)f.GetValue(form));

    /// <summary>Puts typed text back into the form's fields of those names (others are ignored).</summary>
    public void Restore(object form, IReadOnlyDictionary<string, string?> texts)
    {
        foreach (var field in Fields(form).Where(f => f.FieldType == typeof(string) && texts.ContainsKey(f.Name)))
        {
            field.SetValue(form, texts[field.Name]);
        }

        _seen = null;
    }

    /// <summary>
    /// The fields a form component declares itself (not its base classes', not parameters' backing fields), looked up
    /// once per form type: <see cref="Track"/> runs before every render.
    /// </summary>
    private static FieldInfo[] Fields(object form) => FieldsByType.GetOrAdd(form.GetType(), static formType =>
    {
        var fields = new List<FieldInfo>();
        for (var type = formType; type is not null && type.Assembly == typeof(SaveForm).Assembly && !type.IsAbstract; type = type.BaseType)
        {
            fields.AddRange(type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => !f.Name.StartsWith('<') && !f.IsInitOnly));
        }

        return [.. fields];
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, FieldInfo[]> FieldsByType = new();

    /// <summary>True while a save runs: the form's Save button is disabled, so one press saves once.</summary>
    public bool Saving { get; private set; }

    /// <summary>
    /// As <see cref="RunAsync(Func{Task}, ISnackbar, Action{AccessDeniedException}, Func{Task}?)"/>, checking
    /// <paramref name="request"/> with <paramref name="validator"/> first: for a service that does not check its own
    /// input (the user accounts', whose requests are the API's), with the same validator as the API.
    /// </summary>
    public Task<bool> RunAsync<TRequest>(IValidator<TRequest> validator, TRequest request, Func<Task> save, ISnackbar snackbar,
        Action<AccessDeniedException> denied) =>
        RunAsync(async () =>
        {
            await validator.ValidateAndThrowAsync(request);
            await save();
        }, snackbar, denied);

    /// <summary>Runs <paramref name="save"/>; true when it committed, false when it was refused (and shown as described above).</summary>
    public async Task<bool> RunAsync(Func<Task> save, ISnackbar snackbar, Action<AccessDeniedException> denied, Func<Task>? conflict = null)
    {
        Errors.Clear();
        Saving = true;
        try
        {
            await save();
            return true;
        }
        catch (ValidationException invalid)
        {
            Errors.Add(new ValidationResult(invalid.Errors));
        }
        catch (DomainException error)
        {
            Errors.Add(error);
        }
        catch (AccessDeniedException error)
        {
            denied(error);
        }
        catch (Exception error) when (conflict is not null && error is DealConflictException or NotFoundException)
        {
            await conflict();
        }
        catch (Exception error) when (Unavailable.Is(error))
        {
            Unavailable.Show(snackbar);
        }
        finally
        {
            Saving = false;
        }

        return false;
    }
}
