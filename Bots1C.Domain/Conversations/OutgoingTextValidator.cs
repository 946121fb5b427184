using System.Text;
using Bots1C.Domain.Channels;
using FluentValidation;

namespace Bots1C.Domain.Conversations;

/// <summary>What every messenger accepts, so a message is refused when written, not failed when sent.</summary>
public class OutgoingTextValidator : AbstractValidator<OutgoingText>
{
    public const int MaxText = 4096;   // Telegram's limit; Viber allows more
    public const int MaxButtons = 12;

    public OutgoingTextValidator()
    {
        RuleFor(m => m.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithErrorCode("TextRequired").WithMessage("Write the message text.");
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
