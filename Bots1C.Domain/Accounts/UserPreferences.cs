using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Accounts;

/// <summary>Per-person settings that follow them from browser to browser.</summary>
public class UserPreferences(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public async Task<bool> PrefersDarkModeAsync(string userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PrefersDarkMode).FirstOrDefaultAsync();
    }

    public async Task SetDarkModeAsync(string userId, bool dark)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PrefersDarkMode, dark));
    }

    public async Task<bool> PlaysSoundWhenConversationWaitsAsync(string userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PlaysSoundWhenConversationWaits).FirstOrDefaultAsync();
    }

    public async Task SetSoundWhenConversationWaitsAsync(string userId, bool on)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PlaysSoundWhenConversationWaits, on));
    }
}
