using Bots1C.Domain.Licensing;
using Bots1C.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Features.Admin.License;

/// <summary>A license refusal in the reader's language: the original's message and, where it helps, how to fix it.</summary>
public static class LicenseTexts
{
    public static string Describe(this IStringLocalizer<SharedResource> l, LicenseRefusal refusal)
    {
        var detail = refusal.Check is { } check ? l[$"License.KeyCheck.{check}"].Value : refusal.Detail ?? "";
        return l[$"License.Error.{refusal.Error}", refusal.Limit ?? 0, refusal.Host ?? "", refusal.Messenger ?? "", detail].Value;
    }
}
