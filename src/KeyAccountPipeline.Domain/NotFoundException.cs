namespace KeyAccountPipeline.Domain;

/// <summary>
/// The thing a caller named by id (a deal, a stakeholder on it, an action item, a person, a playbook version) does not
/// exist: answered as 404. Only this type means "not found": a <see cref="KeyNotFoundException"/> from a dictionary
/// or a library is a bug and stays a 500, so it cannot pass for a missing record.
/// </summary>
/// <param name="message">What was looked for, in English, for logs and the 404's detail (e.g. "There is no deal {id}.").</param>
public sealed class NotFoundException(string message) : Exception(message);
