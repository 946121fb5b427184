using Microsoft.AspNetCore.Identity;

namespace Bots1C.Domain.Accounts;

/// <summary>A person who signs in: an operator, a manager or an administrator.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool PrefersDarkMode { get; set; }
    /// <summary>The messenger plays a sound when a dialog starts waiting for an operator.</summary>
    public bool PlaysSoundWhenConversationWaits { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}
