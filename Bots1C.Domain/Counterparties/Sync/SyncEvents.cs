using Bots1C.Domain.EventLog;

namespace Bots1C.Domain.Counterparties.Sync;

/// <summary>What a 1C sync writes to the event log (see <see cref="EventDetail"/>); never the source's password.</summary>
public static class SyncEvents
{
    public static EventDetail ODataSyncCompleted(string source, SyncProgress counts) =>
        new("ODataSyncCompleted",
            $"{source}: {counts.Read} read: {counts.Created} created, {counts.Updated} updated, {counts.Archived} archived",
            ("source", source), ("read", counts.Read), ("created", counts.Created), ("updated", counts.Updated), ("archived", counts.Archived));

    /// <param name="failure">The failure's code (the page words it as the sync page does); <paramref name="error"/> has 1C's details.</param>
    public static EventDetail ODataSyncFailed(string source, string? failure, string? error) =>
        new("ODataSyncFailed", $"{source}: {error}", ("source", source), ("syncFailure", failure), ("error", error));
}
