using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Messenger;
using Bunit;

namespace Bots1C.Tests.Web.MessengerScreen;

/// <summary>One message of the history: who wrote it, how far it got, and what to do when it failed.</summary>
public class MessageBubbleTests : MudTestContext
{
    private static Message Msg(MessageDirection direction, MessageKind kind = MessageKind.Text, string? text = "hello", string? author = null,
        DeliveryState? state = null) =>
        new()
        {
            Id = 42, ConversationId = 7, Direction = direction, Kind = kind, Text = text, Author = author, DeliveryState = state,
            CreatedAt = DateTimeOffset.UtcNow,
        };

    private IRenderedComponent<MessageBubble> Bubble(Message message, Action<Message>? retry = null) =>
        Render<MessageBubble>(p =>
        {
            p.Add(x => x.Message, message);
            if (retry is not null)
                p.Add(x => x.Retry, retry);
        });

    [Theory]
    [InlineData(MessageDirection.Incoming, MessageKind.Text, null, "customer")]
    [InlineData(MessageDirection.Outgoing, MessageKind.Text, ScenarioResponder.Author, "bot")]
    [InlineData(MessageDirection.Outgoing, MessageKind.Text, "Анна", "operator")]
    [InlineData(MessageDirection.Internal, MessageKind.Note, "Анна", "note")]
    public void Each_author_kind_gets_its_own_bubble(MessageDirection direction, MessageKind kind, string? author, string expected)
    {
        var bubble = Bubble(Msg(direction, kind, "text of it", author)).Find("[data-testid=bubble]");

        Assert.Equal(expected, bubble.GetAttribute("data-kind"));
        Assert.Contains($"bubble-{expected}", bubble.ClassList);
        Assert.Equal("text of it", bubble.QuerySelector(".bubble-text")!.TextContent.Trim());
    }

    [Fact]
    public void The_author_line_names_the_customer_the_bot_the_operator_and_the_notes_writer()
    {
        Assert.Equal(Strings["Conversation.Author.Customer"].Value, AuthorOf(Msg(MessageDirection.Incoming)));
        Assert.Equal(Strings["Conversation.Author.Bot"].Value, AuthorOf(Msg(MessageDirection.Outgoing, author: ScenarioResponder.Author)));
        Assert.Equal("Анна", AuthorOf(Msg(MessageDirection.Outgoing, author: "Анна")));
        Assert.Equal(Strings["Conversation.Author.Note", "Анна"].Value, AuthorOf(Msg(MessageDirection.Internal, MessageKind.Note, author: "Анна")));
    }

    private string AuthorOf(Message message) => Bubble(message).Find(".bubble-author").TextContent.Trim();

    [Fact]
    public void A_system_event_gets_its_own_bubble_with_localized_text_naming_the_operator()
    {
        var bubble = Bubble(Msg(MessageDirection.Internal, MessageKind.Event, ConversationEventCodes.TakenOver, "Анна Петрова")).Find("[data-testid=bubble]");

        Assert.Equal("system", bubble.GetAttribute("data-kind"));
        Assert.Contains("bubble-event", bubble.ClassList);
        Assert.Contains(Strings["Conversation.Event.TakenOver", "Анна Петрова"].Value, bubble.TextContent);
        Assert.Contains("Анна Петрова", bubble.TextContent);
        Assert.DoesNotContain(ConversationEventCodes.TakenOver, bubble.TextContent);
    }

    [Fact]
    public void A_transfer_event_names_both_operators()
    {
        var message = Msg(MessageDirection.Internal, MessageKind.Event, ConversationEventCodes.Transferred, "Анна");
        message.EventDetail = "Борис";

        Assert.Contains(Strings["Conversation.Event.Transferred", "Анна", "Борис"].Value, Bubble(message).Find("[data-testid=bubble]").TextContent);
    }

    [Theory]
    [InlineData(DeliveryState.Queued)]
    [InlineData(DeliveryState.Sent)]
    [InlineData(DeliveryState.Delivered)]
    [InlineData(DeliveryState.Seen)]
    public void Our_messages_show_their_delivery_state(DeliveryState state)
    {
        var bubble = Bubble(Msg(MessageDirection.Outgoing, author: "Анна", state: state));

        var delivery = bubble.Find("[data-testid=delivery]");
        Assert.Equal(state.ToString(), delivery.GetAttribute("data-state"));
        Assert.Equal(Strings[$"Delivery.{state}"].Value, delivery.TextContent.Trim());
        Assert.Empty(bubble.FindAll("[data-testid=failure]"));
        Assert.Empty(bubble.FindAll("[data-testid=retry]"));
    }

    [Fact]
    public void A_customer_message_has_no_delivery_state()
    {
        Assert.Empty(Bubble(Msg(MessageDirection.Incoming)).FindAll("[data-testid=delivery]"));
    }

    [Fact]
    public void A_failed_message_shows_its_reason_and_a_retry_that_hands_back_that_message()
    {
        var message = Msg(MessageDirection.Outgoing, author: "Анна", state: DeliveryState.Failed);
        message.FailureReason = "Forbidden: bot was blocked by the user";
        var retried = new List<Message>();
        var bubble = Bubble(message, retried.Add);

        Assert.Equal("Forbidden: bot was blocked by the user", bubble.Find("[data-testid=failure-reason]").TextContent.Trim());
        Assert.Equal(nameof(DeliveryState.Failed), bubble.Find("[data-testid=delivery]").GetAttribute("data-state"));
        bubble.Find("[data-testid=retry]").Click();

        Assert.Same(message, Assert.Single(retried));
    }

    [Fact]
    public void A_failed_message_without_a_reason_says_it_failed()
    {
        var bubble = Bubble(Msg(MessageDirection.Outgoing, author: "Анна", state: DeliveryState.Failed));

        Assert.Equal(Strings["Conversation.FailedNoReason"].Value, bubble.Find("[data-testid=failure-reason]").TextContent.Trim());
    }

    [Fact]
    public void An_image_shows_a_preview_from_the_attachment_address_and_a_download_link()
    {
        var message = Msg(MessageDirection.Incoming, MessageKind.File, text: null);
        message.FileId = "AgAD123";
        message.FileName = "photo.jpg";
        message.MimeType = "image/jpeg";
        message.FileSize = 2048;
        var bubble = Bubble(message);

        var image = bubble.Find("[data-testid=bubble-image]");
        Assert.Equal("IMG", image.TagName);
        Assert.Equal("messenger/attachments/42", image.GetAttribute("src"));
        Assert.Equal("photo.jpg", image.GetAttribute("alt"));
        var download = bubble.Find("[data-testid=bubble-file] a");
        Assert.Equal("messenger/attachments/42?download=1", download.GetAttribute("href"));
        Assert.Contains("2 KB", bubble.Find("[data-testid=bubble-file]").TextContent);
    }

    [Fact]
    public void Any_other_file_is_a_download_without_a_preview()
    {
        var message = Msg(MessageDirection.Incoming, MessageKind.File, text: null);
        message.FileId = "BQAD9";
        message.FileName = "invoice.pdf";
        message.MimeType = "application/pdf";

        var bubble = Bubble(message);

        Assert.Empty(bubble.FindAll("[data-testid=bubble-image]"));
        Assert.Equal("invoice.pdf", bubble.Find("[data-testid=bubble-file] a").TextContent.Trim());
    }
}
