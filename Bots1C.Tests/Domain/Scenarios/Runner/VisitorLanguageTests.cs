using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>What the runner reads of the visitor's language and phone: <c>contact.replyLanguage</c> and <c>contact.phoneTyped</c>
/// for conditions, and the runner's own words (the phone step's hints) in the visitor's language.</summary>
public class VisitorLanguageTests
{
    private static readonly RunnerSettings NoSharing = RunnerSettings.Default with { CanSharePhone = false };

    private static ContactFacts Speaking(string? language) => new("Anna", null, null, null, null, language);

    private static RunnerChat Branching(string left, string right, ContactFacts contact) =>
        new(BotScenarios.Of([ScenarioBuilder.Named("Branch").OnCommand("/go").StartsWith("if")
            .Condition("if", left, ConditionOperator.Equals, right).On("true", "yes").On("false", "no")
            .End("yes", "yes").End("no", "no").Build(10)]), contact);

    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("ru-RU", "ru")]
    [InlineData(null, "ru")]
    [InlineData("", "ru")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("de-DE", "en")]
    public void The_reply_language_is_russian_for_russian_and_unknown_visitors_english_for_everyone_else(string? language, string expected)
    {
        Assert.Equal(expected, Speaking(language)["replyLanguage"]);
    }

    [Fact]
    public void A_condition_can_branch_on_the_reply_language()
    {
        var english = Branching("contact.replyLanguage", "en", Speaking("en-US"));
        var russian = Branching("contact.replyLanguage", "en", Speaking("ru"));

        english.Send("/go");
        russian.Send("/go");

        Assert.Equal(["yes"], english.Said);
        Assert.Equal(["no"], russian.Said);
    }

    [Fact]
    public void A_condition_can_tell_a_typed_phone_from_a_shared_one()
    {
        var typed = Branching("contact.phoneTyped", "true", new ContactFacts("Anna", null, null, "+79123456789", null, "ru", PhoneTyped: true));
        var shared = Branching("contact.phoneTyped", "true", new ContactFacts("Anna", null, null, "+79123456789", null, "ru", PhoneTyped: false));

        typed.Send("/go");
        shared.Send("/go");

        Assert.Equal(["yes"], typed.Said);
        Assert.Equal(["no"], shared.Said);
    }

    [Fact]
    public void Conditions_and_placeholders_may_name_the_new_contact_fields()
    {
        Assert.True(ScenarioVariables.IsReference("contact.phoneTyped"));
        Assert.True(ScenarioVariables.IsReference("contact.replyLanguage"));
    }

    [Fact]
    public void The_phone_steps_own_words_are_english_for_a_visitor_of_another_language_than_russian()
    {
        var chat = new RunnerChat(BotScenarios.Of([ScenarioBuilder.Named("P").OnCommand("/p").StartsWith("p").RequestPhone("p", "").Build(11)]),
            Speaking("de-DE"), NoSharing);

        chat.Send("/p");

        Assert.Equal(["Please type your phone number, for example +7 912 345-67-89."], chat.Said);
    }
}
