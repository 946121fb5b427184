using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Bots1C.Domain.Data;

/// <summary>
/// "Contains this text, whatever the case", the same on both engines. SQLite's LIKE ignores the case of Latin letters;
/// PostgreSQL's LIKE does not, so there both sides are lowered first (lower() follows the database's locale, so it
/// lowers Cyrillic too). '\' escapes the wildcards (<see cref="Pattern"/>).
/// </summary>
public static class TextSearch
{
    /// <summary>Only inside a query; translated by <see cref="Map"/>.</summary>
    public static bool Like(string? text, string pattern) =>
        throw new InvalidOperationException($"{nameof(TextSearch)}.{nameof(Like)} runs only inside a database query.");

    /// <summary>A pattern matching <paramref name="text"/> anywhere, its own % _ and \ taken literally.</summary>
    public static string Pattern(string text) =>
        $"%{text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";

    public static void Map(ModelBuilder builder, bool lowerFirst) =>
        builder.HasDbFunction(typeof(TextSearch).GetMethod(nameof(Like))!).HasTranslation(args =>
        {
            var (text, pattern) = (args[0], args[1]);
            var escape = new SqlConstantExpression("\\", typeof(string), pattern.TypeMapping);
            return lowerFirst
                ? new LikeExpression(Lower(text), Lower(pattern), escape, null)
                : new LikeExpression(text, pattern, escape, null);
        });

    private static SqlFunctionExpression Lower(SqlExpression value) =>
        new("lower", [value], nullable: true, argumentsPropagateNullability: [true], typeof(string), value.TypeMapping);
}
