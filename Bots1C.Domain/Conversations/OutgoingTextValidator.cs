using System.Text;
using Bots1C.Domain.Channels;
using FluentValidation;

namespace Bots1C.Domain.Conversations;

/// <summary>What every messenger accepts, so a message is refused when written, not failed when sent.</summary>
public class OutgoingTextValidator : AbstractValidator<OutgoingText>
{
    public const int MaxText = 4096;   // Telegram's limit; Viber allows more
    public const int MaxButtons = 12;
    public const int MaxCaption = 1024; // Telegram's caption limit
    /// <summary>Below every channel's limit (Telegram uploads 50 MB); sent as base64 through the API.</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    public OutgoingTextValidator()
    {
        RuleFor(m => m.Text).Must(t => !string.IsNullOrWhiteSpace(t)).When(m => m.Attachment is null)
            .WithErrorCode("TextRequired").WithMessage("Write the message text.");
        RuleFor(m => m.Text).MaximumLength(MaxCaption).When(m => m.Attachment is not null)
            .WithErrorCode("CaptionTooLong").WithMessage($"A file's caption is at most {MaxCaption} characters.");
        RuleFor(m => m.Attachment!.FileName).Must(n => !string.IsNullOrWhiteSpace(n) && n.Length <= 255)
            .When(m => m.Attachment is not null).OverridePropertyName("File.Name")
            .WithErrorCode("FileNameRequired").WithMessage("The file needs a name of at most 255 characters.");
        RuleFor(m => m.Attachment!.Content).Must(c => c.Length > 0)
            .When(m => m.Attachment is not null).OverridePropertyName("File.Content")
            .WithErrorCode("FileEmpty").WithMessage("The file is empty.");
        RuleFor(m => m.Attachment!.Content).Must(c => c.Length <= MaxFileBytes)
            .When(m => m.Attachment is not null).OverridePropertyName("File.Content")
            .WithErrorCode("FileTooLarge").WithMessage($"Files are limited to {MaxFileBytes / 1024 / 1024} MB.");
        RuleFor(m => m.Text).MaximumLength(MaxText).WithErrorCode("TextTooLong").WithMessage($"The text is longer than {MaxText} characters.");
        RuleFor(m => m.Buttons).Must(b => b is null || b.Count <= MaxButtons).WithErrorCode("TooManyButtons")
            .WithMessage($"At most {MaxButtons} buttons.");
        RuleForEach(m => m.Buttons).ChildRules(button =>
        {
            button.RuleFor(b => b.Kind).IsInEnum().WithErrorCode("ButtonKindUnknown").WithMessage("Unknown button kind.");
            button.RuleFor(b => b.Text).Must(t => !string.IsNullOrWhiteSpace(t) && t.Length <= 64)
                .WithErrorCode("ButtonText").WithMessage("A button needs a text of at most 64 characters.");
            button.RuleFor(b => b.Payload).Must(p => !string.IsNullOrEmpty(p) && Encoding.UTF8.GetByteCount(p) <= 64)
                .When(b => b.Kind == ButtonKind.Callback)
                .WithErrorCode("ButtonPayload").WithMessage("A callback button needs a payload of 1–64 bytes.");
            button.RuleFor(b => b.Payload).Must(p => Uri.TryCreate(p, UriKind.Absolute, out var u) && (u.Scheme == "https" || u.Scheme == "http"))
                .When(b => b.Kind == ButtonKind.OpenUrl)
                .WithErrorCode("ButtonUrl").WithMessage("A link button needs a full http(s) address.");
        });
    }
}
