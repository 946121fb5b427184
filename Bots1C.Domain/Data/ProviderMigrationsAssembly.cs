using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bots1C.Domain.Data;

/// <summary>
/// Each engine has its own migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres) for the one
/// <see cref="Bots1CDbContext"/>: EF Core would take every migration and snapshot of the context in the assembly, so
/// this one offers only those in the folder (namespace) of the engine in use. The EF tools use it too, so
/// <c>dotnet ef migrations add</c> continues the right folder's history (docs/architecture.md, "Migrations").
/// </summary>
public sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext, IDatabaseProvider provider, IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;

    public static string NamespaceFor(string providerName) => providerName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => "Bots1C.Domain.Data.Migrations.Sqlite",
        "Npgsql.EntityFrameworkCore.PostgreSQL" => "Bots1C.Domain.Data.Migrations.Postgres",
        _ => throw new NotSupportedException($"No migrations for the database provider {providerName}."),
    };

    public Assembly Assembly => typeof(ProviderMigrationsAssembly).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= new SortedList<string, TypeInfo>(
        Ours().Where(t => t.IsSubclassOf(typeof(Migration)))
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
            .Where(m => m.Id is not null)
            .ToDictionary(m => m.Id!, m => m.Type), StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot => _snapshot ??= Ours().Where(t => t.IsSubclassOf(typeof(ModelSnapshot)))
        .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!).FirstOrDefault();

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(idGenerator.IsValidId(nameOrId)
        ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private IEnumerable<TypeInfo> Ours()
    {
        var wanted = NamespaceFor(provider.Name);
        var context = currentContext.Context.GetType();
        return Assembly.DefinedTypes.Where(t => !t.IsAbstract && t.Namespace == wanted
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context);
    }
}
