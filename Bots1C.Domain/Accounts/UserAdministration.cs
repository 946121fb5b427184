using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.Accounts;

/// <summary>
/// What administrators do with users. Each call runs in its own DI scope: the users page lives in a
/// long Blazor circuit, and a circuit-long DbContext would serve stale users after another admin's change.
/// </summary>
public class UserAdministration(IServiceScopeFactory scopes, EventJournal journal, TimeProvider clock, IValidator<NewUser> validator)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.Bots1CDbContext>();
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               select new { ur.UserId, r.Name }).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => NameOrder.Key(u.Email)).ToListAsync(ct);
        return users.Select(u => new UserSummary(
                u.Id, u.Email ?? "", u.DisplayName,
                roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(n => n).ToList(),
                u.LockoutEnd, u.CreatedAt))
            .ToList();
    }

    public async Task<IdentityResult> CreateAsync(NewUser request, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, errors) = Services(scope);
        var validation = await validator.ValidateAsync(request);
        if (!validation.IsValid)
            return IdentityResult.Failed(validation.Errors.Select(errors.FromValidation).DistinctBy(e => e.Code).ToArray());

        var user = new AppUser
        {
            UserName = request.Email.Trim(),
            Email = request.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
            return created;
        if (request.Roles.Count > 0)
            await users.AddToRolesAsync(user, request.Roles);
        await journal.InfoAsync(EventSources.Users, UserEvents.UserCreated(request.Roles), user.Email, actor);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, errors) = Services(scope);
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
            return IdentityResult.Failed(errors.UnknownRole(unknown));
        if (await users.FindByIdAsync(userId) is not { } user)
            return IdentityResult.Failed(errors.UserNotFound());

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && !roles.Contains(Roles.Administrator)
            && await IsLastActiveAdministratorAsync(users, user))
            return IdentityResult.Failed(errors.LastAdministrator());

        var removed = await users.RemoveFromRolesAsync(user, current.Except(roles));
        if (!removed.Succeeded)
            return removed;
        var added = await users.AddToRolesAsync(user, roles.Except(current));
        if (!added.Succeeded)
            return added;
        await journal.InfoAsync(EventSources.Users, UserEvents.RolesChanged(current, roles), user.Email, actor);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> LockAsync(string userId, string actorId, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, errors) = Services(scope);
        if (userId == actorId)
            return IdentityResult.Failed(errors.CannotLockYourself());
        if (await users.FindByIdAsync(userId) is not { } user)
            return IdentityResult.Failed(errors.UserNotFound());
        if (await users.IsInRoleAsync(user, Roles.Administrator) && await IsLastActiveAdministratorAsync(users, user))
            return IdentityResult.Failed(errors.LastAdministrator());

        await users.SetLockoutEnabledAsync(user, true);
        var locked = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        if (!locked.Succeeded)
            return locked;
        // A locked person's open sessions must end too, not only new sign-ins.
        await users.UpdateSecurityStampAsync(user);
        await journal.InfoAsync(EventSources.Users, UserEvents.UserLocked(), user.Email, actor);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UnlockAsync(string userId, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, errors) = Services(scope);
        if (await users.FindByIdAsync(userId) is not { } user)
            return IdentityResult.Failed(errors.UserNotFound());
        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        if (!unlocked.Succeeded)
            return unlocked;
        await users.ResetAccessFailedCountAsync(user);
        await journal.InfoAsync(EventSources.Users, UserEvents.UserUnlocked(), user.Email, actor);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> ResetPasswordAsync(string userId, string newPassword, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, errors) = Services(scope);
        if (await users.FindByIdAsync(userId) is not { } user)
            return IdentityResult.Failed(errors.UserNotFound());
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
            return reset;
        await journal.InfoAsync(EventSources.Users, UserEvents.PasswordReset(), user.Email, actor);
        return IdentityResult.Success;
    }

    private static (UserManager<AppUser>, AccountErrorDescriber) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
         scope.ServiceProvider.GetRequiredService<AccountErrorDescriber>());

    private async Task<bool> IsLastActiveAdministratorAsync(UserManager<AppUser> users, AppUser user)
    {
        var now = clock.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(Roles.Administrator);
        return !admins.Any(a => a.Id != user.Id && (a.LockoutEnd is null || a.LockoutEnd <= now));
    }
}
