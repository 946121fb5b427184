using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bots1C.Domain.Data;

/// <summary>
/// Used only by the EF tools; the running app configures the context itself. Each engine has its own migrations, so
/// the engine is named after <c>--</c>: <c>dotnet ef migrations add Name -- Sqlite</c> (the default) or
/// <c>-- Postgres</c> (docs/architecture.md). Adding a migration does not connect, so no real server is needed.
/// </summary>
public class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<Bots1CDbContext>
{
    public Bots1CDbContext CreateDbContext(string[] args)
    {
        var kind = args.Length > 0 ? Enum.Parse<DatabaseKind>(args[0], ignoreCase: true) : DatabaseKind.Sqlite;
        var options = new DatabaseOptions
        {
            Provider = kind,
            ConnectionString = kind == DatabaseKind.Postgres ? "Host=localhost;Database=bots1c_design" : null,
        };
        var builder = new DbContextOptionsBuilder<Bots1CDbContext>();
        DatabaseProvider.Configure(builder, options, new DataFolder(Path.GetTempPath()));
        return new Bots1CDbContext(builder.Options);
    }
}
