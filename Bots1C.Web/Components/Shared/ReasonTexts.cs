using Bots1C.Domain.Channels;
using Bots1C.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Components.Shared;

public static class ReasonTexts
{
    /// <summary>A stored reason in the reader's language when the app worded it itself (<see cref="KnownReasons"/>);
    /// a messenger's own words are shown as they came.</summary>
    public static string Reason(this IStringLocalizer<SharedResource> localizer, string? reason)
    {
        if (KnownReasons.Recognise(reason) is not var (before, known, after))
            return reason ?? "";
        return localizer[$"Reason.{known.Code}"] is { ResourceNotFound: false } text ? before + text.Value + after : reason!;
    }
}
