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
    public FieldErrors Errors { get; } = new();

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
