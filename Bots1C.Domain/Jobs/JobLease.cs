namespace Bots1C.Domain.Jobs;

/// <summary>Which app instance runs a background job (<see cref="JobLeases"/>) and until when it may.</summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";

    /// <summary>The holder's <see cref="Conversations.AppInstance.Id"/>.</summary>
    public string Owner { get; set; } = "";

    public DateTimeOffset Until { get; set; }
}
