namespace Bots1C.Domain.Dialogs;

/// <summary>Settings under <c>Bots1C:Operators</c>.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Bots1C:Operators";

    /// <summary>A taken-over dialog where nobody has written for this long returns to the bot; 0 keeps it forever.</summary>
    public int IdleReturnMinutes { get; set; } = 30;
}

/// <summary>What each messenger accepts as a file from us, within the app's own limit for stored files.</summary>
public static class MessengerFileLimits
{
    public static long MaxBytes(Bots.Messenger messenger) => Math.Min(Conversations.OutgoingTextValidator.MaxFileBytes, messenger switch
    {
        Bots.Messenger.Telegram => 50L * 1024 * 1024, // sendDocument multipart upload
        Bots.Messenger.Viber => 50L * 1024 * 1024,    // a file message's media
        _ => 10L * 1024 * 1024,                       // the web chat: visitors' browsers download it from us
    });
}
