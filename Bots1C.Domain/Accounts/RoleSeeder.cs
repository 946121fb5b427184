using Microsoft.AspNetCore.Identity;

namespace Bots1C.Domain.Accounts;

/// <summary>Makes sure the three built-in roles exist; safe to run at every start.</summary>
public class RoleSeeder(RoleManager<IdentityRole> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }
}
