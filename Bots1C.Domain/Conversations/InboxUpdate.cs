namespace Bots1C.Domain.Conversations;

public enum InboxState
{
    Pending,
    Processed,
    /// <summary>Received for a disabled bot: kept so nothing is lost, answered 200 so the messenger stops resending.</summary>
    Ignored,
    /// <summary>Could not be processed after several attempts; the error says why.</summary>
    Failed,
}

/// <summary>A messenger update exactly as received. (BotId, ExternalId) is unique: a re-delivery is stored once.</summary>
public class InboxUpdate
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public string ExternalId { get; set; } = "";
    /// <summary>Updates with the same chat key are processed in arrival order.</summary>
    public string ChatKey { get; set; } = "";
    public byte[] Payload { get; set; } = [];
    public DateTimeOffset ReceivedAt { get; set; }
    public InboxState State { get; set; }
    public int Attempts { get; set; }
    /// <summary>Which processor holds the row, until when: a second instance skips held rows, a crashed one's lease expires.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? Error { get; set; }
}
