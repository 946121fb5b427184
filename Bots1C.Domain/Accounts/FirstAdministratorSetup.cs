using Bots1C.Domain.EventLog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Accounts;

/// <summary>Creates the first administrator of a fresh installation, and only then.</summary>
public class FirstAdministratorSetup(
    UserManager<AppUser> users,
    AccountErrorDescriber errors,
    EventJournal journal,
    TimeProvider clock)
{
    // Two browsers submitting the setup form at once must not both become the first administrator.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The <c>how</c> of the setup page; any other is the bootstrap settings.</summary>
    public const string SetupPage = "setup page";

    public async Task<bool> IsNeededAsync(CancellationToken ct = default) => !await users.Users.AnyAsync(ct);

    public async Task<(IdentityResult Result, AppUser? User)> CreateAsync(
        string email, string displayName, string password, string how)
    {
        await OneAtATime.WaitAsync();
        try
        {
            if (!await IsNeededAsync())
                return (IdentityResult.Failed(errors.SetupAlreadyDone()), null);
            if (string.IsNullOrWhiteSpace(displayName))
                return (IdentityResult.Failed(errors.DisplayNameRequired()), null);

            var user = new AppUser
            {
                UserName = email.Trim(),
                Email = email.Trim(),
                EmailConfirmed = true,
                DisplayName = displayName.Trim(),
                CreatedAt = clock.GetUtcNow(),
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                return (created, null);
            var inRole = await users.AddToRoleAsync(user, Roles.Administrator);
            if (!inRole.Succeeded)
            {
                await users.DeleteAsync(user);
                return (inRole, null);
            }
            await journal.InfoAsync(EventSources.Users, UserEvents.FirstAdministratorCreated(viaSetupPage: how == SetupPage), user.Email);
            return (IdentityResult.Success, user);
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
