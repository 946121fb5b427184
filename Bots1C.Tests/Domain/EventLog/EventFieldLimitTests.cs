using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.EventLog;

/// <summary>Whatever a writer passes (a typed e-mail, a contact's name, a remote error text), one entry stays small.</summary>
public class EventFieldLimitTests
{
    [Fact]
    public async Task Every_text_field_of_an_entry_is_capped_with_an_ellipsis()
    {
        using var app = new Bots1CAppFactory();
        var huge = new string('x', 100_000);

        await app.Services.GetRequiredService<EventJournal>().WriteAsync(EventLevel.Warning, huge, new EventDetail(huge, huge, ("value", huge)), huge, huge);

        await using var db = await app.Db();
        var entry = await db.Events.SingleAsync(e => e.Code.StartsWith("xxxx"));
        Assert.Equal(
            [EventFieldLimits.Source, EventFieldLimits.Code, EventFieldLimits.Message, EventFieldLimits.Subject, EventFieldLimits.Actor],
            [entry.Source.Length, entry.Code.Length, entry.Message.Length, entry.Subject!.Length, entry.Actor!.Length]);
        Assert.All([entry.Source, entry.Code, entry.Message, entry.Subject, entry.Actor], field => Assert.EndsWith("…", field));
    }

    [Fact]
    public void A_cut_never_splits_a_character_made_of_two_code_units()
    {
        var text = new string('x', EventFieldLimits.Subject - 2) + "😀😀😀";

        var capped = EventFieldLimits.Cap(text, EventFieldLimits.Subject)!;

        Assert.False(char.IsHighSurrogate(capped[^2]));
        Assert.EndsWith("…", capped);
    }

    [Fact]
    public void Text_within_the_limit_is_kept_as_it_is()
    {
        Assert.Equal("olga@example.ru", EventFieldLimits.Cap("olga@example.ru", EventFieldLimits.Subject));
        Assert.Null(EventFieldLimits.Cap(null, EventFieldLimits.Subject));
    }
}
