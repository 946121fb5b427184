using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels.Max;

/// <summary>MAX updates carry no id: the de-duplication key comes from the message, the press, or the event itself.</summary>
public class MaxEnvelopeTests
{
    private static readonly IChannelAdapter Max = ChannelKit.Services().Adapter(Messenger.Max);

    private static UpdateEnvelope? Read(string fixture) => Max.ReadEnvelope(ChannelKit.Fixture("max", fixture));

    [Fact]
    public void A_new_message_is_known_by_its_mid_and_its_dialog_by_the_person() =>
        Assert.Equal(new UpdateEnvelope("mid.0000000008a53b9b019c44bd612d33e0", "10001"), Read("message_created_text.json"));

    [Fact]
    public void A_press_is_known_by_its_callback_id_and_belongs_to_the_pressers_dialog() =>
        Assert.Equal(new UpdateEnvelope(
            "f9LHodD0cOJf4_DkJGeq8BkDgc5vgSwZocVrn44oirfMzUQ4mv5k_h1-yQvExmZNjV7gVcaO2Z3Gv6LJpZQ-nj_0HTcX7NwSdT4fDtXou9i0A51TjSj9", "123456789"),
            Read("message_callback.json"));

    [Fact]
    public void An_edit_is_not_taken_for_the_message_it_changes() =>
        Assert.Equal(new UpdateEnvelope("edited:mid.000000000adf429c019d47b1ce4600ff:1775025604499", "123456789"), Read("message_edited.json"));

    [Fact]
    public void Bot_started_is_known_by_its_kind_time_chat_and_user() =>
        Assert.Equal(new UpdateEnvelope("bot_started:1775025604499:182182182:123456789", "123456789"), Read("bot_started.json"));

    [Fact]
    public void A_group_chat_keeps_its_own_chat_apart_from_any_person() =>
        Assert.Equal(new UpdateEnvelope("mid.ffffbdb48e6c3775019d496b34394b84", "chat:-70801090403050"), Read("message_created_group.json"));

    [Fact]
    public void A_key_longer_than_the_inbox_keeps_is_kept_as_its_hash()
    {
        var longId = new string('x', 200);
        var body = Encoding.UTF8.GetString(ChannelKit.Fixture("max", "message_callback.json"))
            .Replace("f9LHodD0cOJf4_DkJGeq8BkDgc5vgSwZocVrn44oirfMzUQ4mv5k_h1-yQvExmZNjV7gVcaO2Z3Gv6LJpZQ-nj_0HTcX7NwSdT4fDtXou9i0A51TjSj9", longId);

        var envelope = Max.ReadEnvelope(Encoding.UTF8.GetBytes(body))!;

        Assert.StartsWith("sha256:", envelope.ExternalId);
        Assert.True(envelope.ExternalId.Length <= 128);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"update_type":"message_created"}""")]
    [InlineData("""{"update_type":"message_created","timestamp":1} {}""")]
    [InlineData("not json")]
    public void A_body_that_is_not_a_MAX_update_has_no_envelope(string body) =>
        Assert.Null(Max.ReadEnvelope(Encoding.UTF8.GetBytes(body)));
}
