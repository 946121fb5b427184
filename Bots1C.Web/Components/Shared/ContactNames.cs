using Bots1C.Domain.Channels.WebChat;
using Bots1C.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Components.Shared;

/// <summary>A contact's name as people read it. A web-chat visitor the site did not name has only a random id
/// (<c>v_3f2a…</c>): they show as "Visitor 3f2a" in the reader's language, short and still telling visitors apart.</summary>
public static class ContactNames
{
    public static string Readable(IStringLocalizer<SharedResource> L, string displayName) =>
        WebChatVisitors.TagOf(displayName) is { } tag ? L["WebChat.VisitorName", tag] : displayName;
}
