using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Bots1C.Web.Resources;

/// <summary>MudBlazor's own words (pager, table checkboxes, date pickers) from our string tables, under "Mud.{key}":
/// MudBlazor ships English only, and Russian pages read "First page" and "Select all rows" otherwise. A key we do not
/// translate is reported missing, and MudBlazor falls back to its English.</summary>
public sealed class ResxMudLocalizer(IStringLocalizer<SharedResource> strings) : MudLocalizer
{
    public override LocalizedString this[string key] => strings[$"Mud.{key}"] is { ResourceNotFound: false } found
        ? new LocalizedString(key, found.Value)
        : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] =>
        strings[$"Mud.{key}", arguments] is { ResourceNotFound: false } found
            ? new LocalizedString(key, found.Value)
            : new LocalizedString(key, key, resourceNotFound: true);
}
