using Bots1C.Domain.Channels;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios;

/// <summary>Which messenger events reach the runner, and as what.</summary>
public class ScenarioResponderInputTests
{
    private static InboundEvent Event(InboundKind kind) => new(kind, "42", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_Viber_message_whose_text_is_a_scenario_payload_is_a_button_press()
    {
        var input = ScenarioResponder.InputOf(Event(InboundKind.Text) with { Text = "s12:m1:b2" });

        Assert.Equal(new RunnerInput.ButtonPress("s12:m1:b2", null), input);
    }

    [Fact]
    public void Ordinary_text_stays_text()
    {
        Assert.Equal(new RunnerInput.Text("s12 is my flat"), ScenarioResponder.InputOf(Event(InboundKind.Text) with { Text = "s12 is my flat" }));
    }

    [Fact]
    public void A_shared_contact_keeps_whether_it_is_the_senders_own()
    {
        var input = ScenarioResponder.InputOf(Event(InboundKind.ContactShared) with { Contact = new SharedContact("79161234567", null, null, IsOwn: false) });

        Assert.Equal(new RunnerInput.PhoneShared("79161234567", false), input);
    }

    [Theory]
    [InlineData(InboundKind.Edited)]
    [InlineData(InboundKind.Blocked)]
    [InlineData(InboundKind.DeliveryStatus)]
    [InlineData(InboundKind.Service)]
    public void Events_nobody_said_to_the_bot_get_no_answer(InboundKind kind)
    {
        Assert.Null(ScenarioResponder.InputOf(Event(kind)));
    }
}
