using FluentValidation;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;

namespace KeyAccountPipeline.Web.Api;

// The admin's user requests, shared by the API and the users page. The password policy itself
// (length, digit, …) is Identity's and is checked by UserAccounts, which names the field "password".

public sealed record CreateUserRequest(string? Name, string? Email, string? Role, string? Password)
{
    public Role ToRole() => ApiEnum.Parse<Role>(Role);
}

public sealed record RoleRequest(string? Role)
{
    public Role ToRole() => ApiEnum.Parse<Role>(Role);
}

public sealed record PasswordRequest(string? Password);

public sealed class CreateUserValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(r => r.Email).NotEmpty().MaximumLength(Limits.Email).EmailAddress().SingleLine();
        RuleFor(r => r.Role).NotEmpty().OneOf<CreateUserRequest, Role>();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(Limits.Password).SingleLine();
    }
}

public sealed class RoleValidator : AbstractValidator<RoleRequest>
{
    public RoleValidator()
    {
        RuleFor(r => r.Role).NotEmpty().OneOf<RoleRequest, Role>();
    }
}

public sealed class PasswordValidator : AbstractValidator<PasswordRequest>
{
    public PasswordValidator()
    {
        RuleFor(r => r.Password).NotEmpty().MaximumLength(Limits.Password).SingleLine();
    }
}
