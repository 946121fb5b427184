using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Operators;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.PrintForms;

/// <summary>A PDF to deliver to a counterparty's contacts (all linked ones when <see cref="ContactIds"/> is empty).</summary>
public sealed record PrintFormSending(long CounterpartyId, IReadOnlyList<long>? ContactIds, string FileName, byte[] Content, string? Caption,
    string Author, long? DocumentId = null, string? Form = null);

public sealed record PrintFormSendResult(IReadOnlyList<long> DeliveryIds, string? ErrorCode = null, string? Error = null, string? Field = null)
{
    public bool Succeeded => ErrorCode is null;

    public static PrintFormSendResult Refused(string code, string error, string? field = null) => new([], code, error, field);
}

/// <summary>
/// Sends a print form to a counterparty's contacts through the outbox: one message with the PDF per contact, and a
/// delivery row following it. Everything is checked first (the counterparty, its contacts, the file against each
/// messenger's limit), then all messages are queued in one transaction — so a refusal queues nothing.
/// </summary>
public sealed class PrintFormSender(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    OutboxSignal signal,
    ConversationNotifier notifier,
    MessengerFileLimits fileLimits,
    TimeProvider clock)
{
    public const string PdfMimeType = "application/pdf";

    public static bool LooksLikePdf(byte[] content) =>
        content.Length > 5 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F' && content[4] == '-';

    public async Task<PrintFormSendResult> SendAsync(PrintFormSending sending, CancellationToken ct = default)
    {
        if (sending.Content.Length == 0)
            return PrintFormSendResult.Refused("FileEmpty", "The file is empty.", "file");
        if (!LooksLikePdf(sending.Content))
            return PrintFormSendResult.Refused("NotPdf", "The file is not a PDF document.", "file");
        if (sending.Caption?.Length > OutgoingTextValidator.MaxCaption)
            return PrintFormSendResult.Refused("CaptionTooLong", $"The caption is at most {OutgoingTextValidator.MaxCaption} characters.", "caption");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counterparty = await db.Counterparties.AsNoTracking().Where(o => o.Id == sending.CounterpartyId).Select(o => new { o.Name, o.IsArchived }).FirstOrDefaultAsync(ct);
        if (counterparty is null)
            return PrintFormSendResult.Refused("CounterpartyUnknown", $"Counterparty {sending.CounterpartyId} does not exist.", "counterparty");

        var contacts = await (
                from c in db.Contacts
                join b in db.Bots on c.BotId equals b.Id
                where c.CounterpartyId == sending.CounterpartyId
                select new { Contact = c, b.Messenger, Conversation = db.Conversations.Where(v => v.ContactId == c.Id).OrderByDescending(v => v.Id).FirstOrDefault() })
            .ToListAsync(ct);
        if (sending.ContactIds is { Count: > 0 } chosen)
        {
            if (chosen.FirstOrDefault(id => contacts.All(c => c.Contact.Id != id)) is var stranger and > 0)
                return PrintFormSendResult.Refused("ContactNotLinked", $"Contact {stranger} is not a contact of {counterparty.Name}.", "contactIds");
            contacts = contacts.Where(c => chosen.Contains(c.Contact.Id)).ToList();
        }
        var reachable = contacts.Where(c => !c.Contact.IsBlocked && c.Conversation is not null).ToList();
        if (reachable.Count == 0)
            return PrintFormSendResult.Refused("NoContacts", contacts.Count == 0
                ? $"{counterparty.Name} has no contacts in the messengers: link a contact to it first."
                : $"None of the chosen contacts of {counterparty.Name} can receive messages (they blocked the bot).", "contactIds");
        foreach (var target in reachable)
            if (sending.Content.LongLength > fileLimits.MaxBytes(target.Messenger))
                return PrintFormSendResult.Refused("FileTooLarge",
                    $"{target.Messenger} accepts files up to {fileLimits.MaxBytes(target.Messenger) / 1024 / 1024} MB; this one is " +
                    $"{sending.Content.LongLength / 1024.0 / 1024.0:0.#} MB.", "file");

        var now = clock.GetUtcNow();
        var file = PdfFile(Path.GetFileName(sending.FileName.Trim()) is { Length: > 0 } name ? name : "document.pdf", sending.Content, now);
        var deliveries = new List<PrintFormDelivery>();
        foreach (var target in reachable)
        {
            var message = Outbox.Stage(db, target.Conversation!, OutgoingContent.WithNewFile(sending.Caption, file), sending.Author, now);
            var delivery = new PrintFormDelivery
            {
                CounterpartyId = sending.CounterpartyId, ContactId = target.Contact.Id, DocumentId = sending.DocumentId, Form = sending.Form,
                FileName = file.FileName, Message = message, Author = sending.Author, CreatedAt = now,
            };
            db.PrintFormDeliveries.Add(delivery);
            deliveries.Add(delivery);
        }
        await db.SaveChangesAsync(ct);
        signal.Signal();
        foreach (var delivery in deliveries)
            await notifier.PublishAsync(new ConversationEvent(delivery.Message!.Conversation!.BotId, delivery.Message.ConversationId,
                delivery.MessageId, ConversationChange.MessageAdded));
        return new PrintFormSendResult(deliveries.Select(d => d.Id).ToList());
    }

    /// <summary>A PDF to store with the messages that carry it (a form sent from the page, the API or a scenario).</summary>
    public static Files.StoredFile PdfFile(string fileName, byte[] content, DateTimeOffset now) => new()
    {
        FileName = fileName, MimeType = PdfMimeType, Size = content.LongLength, Content = content, CreatedAt = now,
    };
}
