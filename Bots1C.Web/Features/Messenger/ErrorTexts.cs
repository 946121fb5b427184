using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Features.Messenger;

public static class ErrorTexts
{
    /// <summary>The reader's language when we have the code's text, else the domain's own (English) sentence.</summary>
    public static string ErrorText(this IStringLocalizer localizer, ValidationFailure error) =>
        localizer[$"ConversationError.{error.ErrorCode}"] is { ResourceNotFound: false } text ? text.Value : error.ErrorMessage;
}
