using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Bots1C.Domain.EventLog;

/// <summary>The filtered journal as CSV (UTF-8 with a byte order mark, so Excel reads Cyrillic), newest first.</summary>
public sealed class EventLogExport(EventLogQuery query)
{
    public const int MaxRows = 100_000;

    public async Task WriteCsvAsync(EventLogFilter filter, Stream output, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var header in new[] { "Time (UTC)", "Level", "Source", "Code", "Message", "Subject", "Actor", "BotId", "ConversationId", "ContactId" })
            csv.WriteField(header);
        await csv.NextRecordAsync();
        var written = 0;
        for (var page = 0; written < MaxRows; page++)
        {
            var items = (await query.FindAsync(filter, page, EventLogQuery.MaxPageSize, ct)).Items;
            foreach (var e in items)
            {
                csv.WriteField(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                csv.WriteField(e.Level.ToString());
                csv.WriteField(e.Source);
                csv.WriteField(e.Code);
                csv.WriteField(e.Message);
                csv.WriteField(e.Subject);
                csv.WriteField(e.Actor);
                csv.WriteField(e.BotId);
                csv.WriteField(e.ConversationId);
                csv.WriteField(e.ContactId);
                await csv.NextRecordAsync();
            }
            written += items.Count;
            if (items.Count < EventLogQuery.MaxPageSize)
                break;
        }
    }
}
