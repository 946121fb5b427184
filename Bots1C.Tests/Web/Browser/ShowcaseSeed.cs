using System.Globalization;
using System.Text.Json;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.FirstRun;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Browser;

/// <summary>A bit of everything for whole-app page checks (contrast, language): the demo bot and its scenarios in the
/// given language, a conversation with every kind of bubble, a contact and the event log entries all that writes.</summary>
public static class ShowcaseSeed
{
    /// <summary>What was seeded, and the main pages addressed by it.</summary>
    public sealed record Showcase(long BotId, long? MainMenuScenarioId, long ConversationId, long ContactId)
    {
        /// <summary>Name, address and an element that shows the page has its data.</summary>
        public List<(string Name, string Path, string Ready)> MainPages() =>
        [
            ("home", "/", "[data-testid=home-welcome]"),
            ("dashboard", "/dashboard", "[data-testid=dashboard]"),
            ("bots", "/bots", "[data-testid=bots-table] tbody tr"),
            ("bot card", $"/bots/{BotId}", "[data-testid=bot-name]"),
            ("diagnostics", $"/bots/{BotId}/diagnostics", "[data-testid=run-diagnostics]"),
            ("messenger", $"/messenger/{ConversationId}", "[data-testid=failure]"),
            ("scenarios", "/scenarios", "[data-testid=scenarios-table] tbody tr"),
            ("scenario editor", $"/scenarios/{MainMenuScenarioId}", "[data-node-id] .step-node-head"),
            ("contacts", "/directory/contacts", "[data-testid=contact-row-name]"),
            ("contact card", $"/directory/contacts/{ContactId}", "[data-testid=contact-title]"),
            ("quick replies", "/quick-replies", "[data-testid=quick-replies-table], [data-testid=quick-replies-empty]"),
            ("counterparties", "/directory/owners", "h1"),
            ("print forms", "/print-forms", "[data-testid=pf-form]"),
            ("event log", "/admin/events", "[data-testid=events-table] tbody tr"),
            ("users", "/admin/users", "[data-testid=users-table] tbody tr"),
            ("license", "/admin/license", "[data-testid=license-current], [data-testid=license-none]"),
        ];
    }

    /// <summary>The words the seeded customer and operator type, in the seed's language.</summary>
    private sealed record Words(string BotName, string Contact, string Greeting, string Choose, string Invoice, string Operator,
        string Answer, string Note, string Failed, string FailureReason);

    private static readonly Words English = new("Demo chat", "Olga", "Hello, please send the invoice", "Choose what you need", "Invoice",
        "Operator", "Good afternoon! Sending it now.", "A regular customer, be nice", "Here is the invoice", "The messenger did not answer");

    private static readonly Words Russian = new("Демо веб-чат", "Ольга", "Здравствуйте, пришлите, пожалуйста, счёт", "Выберите, что нужно", "Счёт",
        "Оператор", "Добрый день! Уже отправляю.", "Постоянный клиент, будьте вежливы", "Вот ваш счёт", "Мессенджер не ответил");

    /// <summary>The demo bot as the welcome tour makes it in <paramref name="culture"/>, and a conversation with
    /// <paramref name="operatorId"/> holding customer, bot (with buttons), operator, note, event and failed bubbles.</summary>
    public static async Task<Showcase> SeedAsync(Bots1CAppFactory app, string url, string operatorId, string operatorName, CultureInfo culture)
    {
        var words = culture.TwoLetterISOLanguageName == "ru" ? Russian : English;
        // As the welcome tour makes it: the bot's name in the tour's language, the operator as the actor.
        var demo = (await app.Services.GetRequiredService<DemoSetup>()
            .EnsureAsync(url, words.BotName, culture, operatorName)).Bot!;

        var now = DateTimeOffset.UtcNow;
        await using var db = await app.Db();
        var contact = new Contact
        {
            BotId = demo.Id, ExternalUserId = "v_contrast", FirstName = words.Contact, CreatedAt = now, UpdatedAt = now,
        };
        var conversation = new Conversation
        {
            BotId = demo.Id, Contact = contact, ChatId = contact.ExternalUserId, CreatedAt = now, LastMessageAt = now,
            Mode = ConversationMode.WithOperator, AssignedUserId = operatorId, OperatorSince = now, LastMessagePreview = words.Greeting,
        };
        db.Conversations.Add(conversation);
        Message Line(MessageDirection direction, MessageKind kind, string text, string? author = null, DeliveryState? state = null) =>
            new() { Conversation = conversation, Direction = direction, Kind = kind, Text = text, Author = author, DeliveryState = state, CreatedAt = now };
        var withButtons = Line(MessageDirection.Outgoing, MessageKind.Text, words.Choose, Message.BotAuthor, DeliveryState.Delivered);
        withButtons.ButtonsJson = JsonSerializer.Serialize(new List<Button> { new(ButtonKind.Reply, words.Invoice), new(ButtonKind.Reply, words.Operator) });
        var failed = Line(MessageDirection.Outgoing, MessageKind.Text, words.Failed, operatorName, DeliveryState.Failed);
        failed.FailureReason = words.FailureReason;
        db.Messages.AddRange(
            Line(MessageDirection.Incoming, MessageKind.Text, words.Greeting),
            withButtons,
            Line(MessageDirection.Internal, MessageKind.Event, ConversationEventCodes.TakenOver, operatorName),
            Line(MessageDirection.Outgoing, MessageKind.Text, words.Answer, operatorName, DeliveryState.Seen),
            Line(MessageDirection.Internal, MessageKind.Note, words.Note, operatorName),
            failed);
        await db.SaveChangesAsync();
        return new Showcase(demo.Id, demo.MainMenuScenarioId, conversation.Id, contact.Id);
    }
}
