using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bots1C.Domain.Data;

/// <summary>PostgreSQL's timestamptz holds an instant; Npgsql writes only offset zero, so any other offset is moved to
/// UTC (the same instant) first.</summary>
public sealed class UtcDateTimeOffset() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
