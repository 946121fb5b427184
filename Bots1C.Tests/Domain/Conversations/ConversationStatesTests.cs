using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;

namespace Bots1C.Tests.Domain.Conversations;

/// <summary>Each transition of a conversation's state, allowed or refused from each state (docs/architecture.md,
/// "A conversation's states"), on tracked entities; <see cref="ConversationStatesUpdateTests"/> covers the UPDATE form.</summary>
public class ConversationStatesTests
{
    private const string Anna = "anna", Boris = "boris";
    private static readonly DateTimeOffset Earlier = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), Now = Earlier.AddHours(1);

    public static TheoryData<ConversationState> AllStates => [ConversationState.WithBot, ConversationState.WaitingForOperator, ConversationState.WithOperator, ConversationState.Closed];
    public static TheoryData<ConversationState> NobodysStates => [ConversationState.WithBot, ConversationState.WaitingForOperator, ConversationState.Closed];

    /// <summary>A conversation in <paramref name="state"/>; an operator's dialog is Anna's.</summary>
    private static Conversation In(ConversationState state) => state switch
    {
        ConversationState.WithBot => new Conversation { Mode = ConversationMode.Bot },
        ConversationState.WaitingForOperator => new Conversation { Mode = ConversationMode.WaitingForOperator },
        ConversationState.WithOperator => new Conversation { Mode = ConversationMode.WithOperator, AssignedUserId = Anna, OperatorSince = Earlier },
        _ => new Conversation { Mode = ConversationMode.Bot, IsClosed = true, ClosedAt = Earlier },
    };

    private static (ConversationState, string?) StateAndHolder(Conversation c) => (ConversationStates.Of(c), c.AssignedUserId);

    [Theory]
    [MemberData(nameof(NobodysStates))]
    public void Taking_over_a_conversation_nobody_has_gives_it_to_the_operator_and_opens_it(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.Made, ConversationStates.TakeOver(c, Boris, Now));

        Assert.Equal((ConversationState.WithOperator, Boris), StateAndHolder(c));
        Assert.Equal((Now, (DateTimeOffset?)null), (c.OperatorSince, c.ClosedAt));
    }

    [Fact]
    public void Taking_over_drops_the_question_the_bot_was_waiting_to_have_answered()
    {
        var c = In(ConversationState.WithBot);
        (c.ScenarioId, c.StepId, c.StepTries, c.WaitingSince) = (7, "q", 2, Earlier);

        ConversationStates.TakeOver(c, Anna, Now);

        Assert.Equal(((long?)null, (string?)null, 0, (DateTimeOffset?)null), (c.ScenarioId, c.StepId, c.StepTries, c.WaitingSince));
    }

    [Fact]
    public void Taking_over_a_conversation_another_operator_has_is_refused_and_changes_nothing()
    {
        var c = In(ConversationState.WithOperator);

        Assert.Equal(StateChange.HeldByOther, ConversationStates.TakeOver(c, Boris, Now));

        Assert.Equal((ConversationState.WithOperator, Anna), StateAndHolder(c));
        Assert.Equal(Earlier, c.OperatorSince);
    }

    [Fact]
    public void An_operator_may_take_over_their_own_conversation_again()
    {
        var c = In(ConversationState.WithOperator);

        Assert.Equal(StateChange.Made, ConversationStates.TakeOver(c, Anna, Now));
        Assert.Equal((ConversationState.WithOperator, Anna), StateAndHolder(c));
    }

    [Fact]
    public void A_scenarios_hand_over_makes_a_conversation_with_the_bot_wait_for_an_operator()
    {
        var c = In(ConversationState.WithBot);

        Assert.Equal(StateChange.Made, ConversationStates.FollowScenario(c, waitsForOperator: true));
        Assert.Equal((ConversationState.WaitingForOperator, (string?)null), StateAndHolder(c));
    }

    [Fact]
    public void A_scenarios_hand_over_in_a_closed_conversation_opens_it_since_the_customer_was_told_a_person_comes()
    {
        var c = In(ConversationState.Closed);

        ConversationStates.FollowScenario(c, waitsForOperator: true);

        Assert.Equal((ConversationState.WaitingForOperator, (DateTimeOffset?)null), (ConversationStates.Of(c), c.ClosedAt));
    }

    [Fact]
    public void A_customer_who_asks_for_the_menu_while_waiting_is_back_with_the_bot()
    {
        var c = In(ConversationState.WaitingForOperator);

        ConversationStates.FollowScenario(c, waitsForOperator: false);

        Assert.Equal(ConversationState.WithBot, ConversationStates.Of(c));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_scenario_never_moves_an_operators_conversation(bool waitsForOperator)
    {
        var c = In(ConversationState.WithOperator);

        Assert.Equal(StateChange.NotFromThisState, ConversationStates.FollowScenario(c, waitsForOperator));
        Assert.Equal((ConversationState.WithOperator, Anna), StateAndHolder(c));
    }

    [Fact]
    public void A_closed_conversation_stays_closed_while_its_scenario_does_not_hand_over()
    {
        var c = In(ConversationState.Closed);

        ConversationStates.FollowScenario(c, waitsForOperator: false);

        Assert.Equal(ConversationState.Closed, ConversationStates.Of(c));
    }

    [Fact]
    public void Routing_gives_a_waiting_conversation_to_the_main_manager()
    {
        var c = In(ConversationState.WaitingForOperator);

        Assert.Equal(StateChange.Made, ConversationStates.Route(c, Boris, Now));
        Assert.Equal((ConversationState.WithOperator, Boris), StateAndHolder(c));
        Assert.Equal(Now, c.OperatorSince);
    }

    [Theory]
    [InlineData(ConversationState.WithBot)]
    [InlineData(ConversationState.WithOperator)]
    [InlineData(ConversationState.Closed)]
    public void Only_a_waiting_conversation_is_routed(ConversationState from)
    {
        var c = In(from);
        var before = StateAndHolder(c);

        Assert.Equal(StateChange.NotFromThisState, ConversationStates.Route(c, Boris, Now));
        Assert.Equal(before, StateAndHolder(c));
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Whoever_has_the_conversation_or_anyone_while_nobody_has_it_may_transfer_it_and_a_closed_one_opens(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.Made, ConversationStates.Transfer(c, Anna, Boris, Now));

        Assert.Equal((ConversationState.WithOperator, Boris), StateAndHolder(c));
        Assert.Equal((Now, (DateTimeOffset?)null), (c.OperatorSince, c.ClosedAt));
    }

    [Fact]
    public void Transferring_someone_elses_conversation_is_refused()
    {
        var c = In(ConversationState.WithOperator);

        Assert.Equal(StateChange.HeldByOther, ConversationStates.Transfer(c, Boris, Boris, Now));
        Assert.Equal((ConversationState.WithOperator, Anna), StateAndHolder(c));
    }

    [Theory]
    [InlineData(ConversationState.WithBot)]
    [InlineData(ConversationState.WaitingForOperator)]
    [InlineData(ConversationState.WithOperator)]
    public void Returning_an_open_conversation_to_the_bot_leaves_it_nobodys(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.Made, ConversationStates.ReturnToBot(c, Anna));

        Assert.Equal((ConversationState.WithBot, (string?)null), StateAndHolder(c));
        Assert.Null(c.OperatorSince);
    }

    [Fact]
    public void A_closed_conversation_returned_to_the_bot_stays_closed()
    {
        var c = In(ConversationState.Closed);

        Assert.Equal(StateChange.Made, ConversationStates.ReturnToBot(c, Anna));
        Assert.Equal((ConversationState.Closed, Earlier), (ConversationStates.Of(c), c.ClosedAt));
    }

    [Fact]
    public void Returning_someone_elses_conversation_to_the_bot_is_refused()
    {
        var c = In(ConversationState.WithOperator);

        Assert.Equal(StateChange.HeldByOther, ConversationStates.ReturnToBot(c, Boris));
        Assert.Equal((ConversationState.WithOperator, Anna), StateAndHolder(c));
    }

    [Theory]
    [InlineData(ConversationState.WithBot)]
    [InlineData(ConversationState.WaitingForOperator)]
    [InlineData(ConversationState.WithOperator)]
    public void Closing_an_open_conversation_leaves_it_closed_with_the_bot_and_nobodys(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.Made, ConversationStates.Close(c, Anna, Now));

        Assert.Equal((ConversationState.Closed, (string?)null), StateAndHolder(c));
        Assert.Equal((ConversationMode.Bot, (DateTimeOffset?)Now, (DateTimeOffset?)null), (c.Mode, c.ClosedAt, c.OperatorSince));
    }

    [Fact]
    public void Closing_a_closed_conversation_is_refused_and_keeps_when_it_was_closed()
    {
        var c = In(ConversationState.Closed);

        Assert.Equal(StateChange.NotFromThisState, ConversationStates.Close(c, Anna, Now));
        Assert.Equal(Earlier, c.ClosedAt);
    }

    [Fact]
    public void Closing_someone_elses_conversation_is_refused()
    {
        var c = In(ConversationState.WithOperator);

        Assert.Equal(StateChange.HeldByOther, ConversationStates.Close(c, Boris, Now));
        Assert.Equal((ConversationState.WithOperator, Anna), StateAndHolder(c));
    }

    [Fact]
    public void The_customers_message_reopens_a_closed_conversation_with_the_bot()
    {
        var c = In(ConversationState.Closed);

        Assert.Equal(StateChange.Made, ConversationStates.Reopen(c));
        Assert.Equal((ConversationState.WithBot, (DateTimeOffset?)null), (ConversationStates.Of(c), c.ClosedAt));
    }

    [Theory]
    [InlineData(ConversationState.WithBot)]
    [InlineData(ConversationState.WaitingForOperator)]
    [InlineData(ConversationState.WithOperator)]
    public void Only_a_closed_conversation_reopens(ConversationState from)
    {
        var c = In(from);
        var before = StateAndHolder(c);

        Assert.Equal(StateChange.NotFromThisState, ConversationStates.Reopen(c));
        Assert.Equal(before, StateAndHolder(c));
    }

    [Fact]
    public void An_idle_operators_conversation_returns_to_the_bot()
    {
        var c = In(ConversationState.WithOperator);

        Assert.Equal(StateChange.Made, ConversationStates.ReturnWhenIdle(c));
        Assert.Equal((ConversationState.WithBot, (string?)null), StateAndHolder(c));
        Assert.Null(c.OperatorSince);
    }

    [Theory]
    [MemberData(nameof(NobodysStates))]
    public void Only_an_operators_conversation_returns_when_idle(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.NotFromThisState, ConversationStates.ReturnWhenIdle(c));
        Assert.Equal(from, ConversationStates.Of(c));
    }

    /// <summary>Every transition from every state, by the holder and by someone else: whatever happens, a closed dialog
    /// is the bot's and nobody's, a dialog someone has is with an operator (since a moment), an open one has no closing time.</summary>
    [Fact]
    public void No_transition_from_any_state_leaves_an_invalid_combination()
    {
        var transitions = new Dictionary<string, Action<Conversation>>
        {
            ["take over"] = c => ConversationStates.TakeOver(c, Boris, Now),
            ["hand over"] = c => ConversationStates.FollowScenario(c, true),
            ["scenario back to bot"] = c => ConversationStates.FollowScenario(c, false),
            ["route"] = c => ConversationStates.Route(c, Boris, Now),
            ["transfer by holder"] = c => ConversationStates.Transfer(c, Anna, Boris, Now),
            ["transfer by other"] = c => ConversationStates.Transfer(c, Boris, Boris, Now),
            ["return by holder"] = c => ConversationStates.ReturnToBot(c, Anna),
            ["return by other"] = c => ConversationStates.ReturnToBot(c, Boris),
            ["close by holder"] = c => ConversationStates.Close(c, Anna, Now),
            ["close by other"] = c => ConversationStates.Close(c, Boris, Now),
            ["reopen"] = c => ConversationStates.Reopen(c),
            ["idle return"] = c => ConversationStates.ReturnWhenIdle(c),
        };
        foreach (var from in Enum.GetValues<ConversationState>())
            foreach (var (name, transition) in transitions)
            {
                var c = In(from);
                transition(c);
                var place = $"{name} from {from}";
                if (c.IsClosed)
                    Assert.True(c is { Mode: ConversationMode.Bot, AssignedUserId: null, OperatorSince: null, ClosedAt: not null }, place);
                else
                    Assert.True(c.ClosedAt is null, place);
                Assert.True((c.Mode == ConversationMode.WithOperator) == (c.AssignedUserId is not null), place);
                Assert.True((c.AssignedUserId is null) == (c.OperatorSince is null), place);
            }
    }

    // ---- the messenger's own agents (JivoChat) ----

    [Fact]
    public void Handing_a_waiting_conversation_to_the_messengers_agents_closes_it_here()
    {
        var c = In(ConversationState.WaitingForOperator);

        Assert.Equal(StateChange.Made, ConversationStates.HandToMessengerAgents(c, Now));

        Assert.Equal((ConversationState.Closed, (string?)null, (DateTimeOffset?)Now), (ConversationStates.Of(c), c.AssignedUserId, c.ClosedAt));
    }

    [Theory]
    [InlineData(ConversationState.WithBot)]
    [InlineData(ConversationState.WithOperator)]
    [InlineData(ConversationState.Closed)]
    public void Only_a_waiting_conversation_nobody_has_goes_to_the_messengers_agents(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.NotFromThisState, ConversationStates.HandToMessengerAgents(c, Now));
        Assert.Equal(from, ConversationStates.Of(c));
    }

    [Theory]
    [InlineData(ConversationState.Closed)]
    [InlineData(ConversationState.WithBot)]
    public void When_the_messengers_agents_cannot_take_it_the_conversation_waits_for_ours(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.Made, ConversationStates.HandBackFromMessengerAgents(c));

        Assert.Equal((ConversationState.WaitingForOperator, (DateTimeOffset?)null), (ConversationStates.Of(c), c.ClosedAt));
    }

    [Theory]
    [InlineData(ConversationState.WaitingForOperator)]
    [InlineData(ConversationState.WithOperator)]
    public void A_conversation_already_waiting_or_with_an_operator_stays_as_it_is_when_the_messengers_agents_cannot_take_it(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.NotFromThisState, ConversationStates.HandBackFromMessengerAgents(c));
        Assert.Equal((from, from == ConversationState.WithOperator ? Anna : null), StateAndHolder(c));
    }

    [Theory]
    [InlineData(ConversationState.WithBot)]
    [InlineData(ConversationState.WaitingForOperator)]
    [InlineData(ConversationState.WithOperator)]
    public void The_messenger_closing_the_chat_closes_the_conversation_whoever_has_it(ConversationState from)
    {
        var c = In(from);

        Assert.Equal(StateChange.Made, ConversationStates.CloseInMessenger(c, Now));

        Assert.Equal((ConversationState.Closed, (string?)null, (DateTimeOffset?)Now), (ConversationStates.Of(c), c.AssignedUserId, c.ClosedAt));
    }

    [Fact]
    public void The_messenger_closing_a_closed_conversation_changes_nothing()
    {
        var c = In(ConversationState.Closed);

        Assert.Equal(StateChange.NotFromThisState, ConversationStates.CloseInMessenger(c, Now));
        Assert.Equal(Earlier, c.ClosedAt);
    }
}
