using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using Microsoft.AspNetCore.Components.Authorization;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>The circuit's signed-in person, for event handlers and for deciding which controls to show.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<Actor> ActorAsync() =>
        (await authentication.GetAuthenticationStateAsync()).User.ToActor()
        ?? throw new AccessDeniedException(new("请先登录。", "Sign in first."));
}
