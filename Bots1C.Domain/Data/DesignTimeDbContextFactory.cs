using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bots1C.Domain.Data;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the running app configures the context itself.</summary>
public class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<Bots1CDbContext>
{
    public Bots1CDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<Bots1CDbContext>();
        DatabaseProvider.Configure(builder, new DatabaseOptions(), new DataFolder(Path.GetTempPath()));
        return new Bots1CDbContext(builder.Options);
    }
}
