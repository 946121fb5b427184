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

    /// <summary>The live lookup found a counterparty the sync had not brought yet (stored in the same unit of work as it).</summary>
    public static EventDetail ODataLookupFound(string source, string counterparty, string refKey) =>
        new("ODataLookupFound", $"{source}: counterparty {counterparty} ({refKey}) was not synced yet; found in 1C and stored.",
            ("source", source), ("counterparty", counterparty), ("refKey", refKey));

    /// <param name="reason">Why, in the outbound rule's or the network's words (never the password).</param>
    public static EventDetail ODataLookupFailed(string source, string reason) =>
        new("ODataLookupFailed", $"{source}: looking up a counterparty live failed, the contact stays unlinked until the next sync. {reason}",
            ("source", source), ("reason", reason));
}
