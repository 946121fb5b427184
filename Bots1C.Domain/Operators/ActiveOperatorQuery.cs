using Bots1C.Domain.Accounts;
using Bots1C.Domain.Data;

namespace Bots1C.Domain.Operators;

/// <summary>The people who can answer in the messenger right now: not locked, and with a role (a user without one
/// cannot open the messenger). Routing, reopening and "transfer to" all pick among them.</summary>
public static class ActiveOperatorQuery
{
    public static IQueryable<AppUser> ActiveOperators(this Bots1CDbContext db, DateTimeOffset now) =>
        db.Users.Where(u => (u.LockoutEnd == null || u.LockoutEnd <= now) && db.UserRoles.Any(r => r.UserId == u.Id));
}
