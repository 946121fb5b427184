using Bots1C.Domain.PrintForms;
using Bots1C.Domain.PrintForms.Forms;

namespace Bots1C.Tests.Domain.PrintForms;

/// <summary>Each form renders, and what a PDF reader gets back holds what the customer must see.</summary>
public class PrintFormTemplateTests
{
    public static TheoryData<string> Forms => ["invoice", "act"];

    private static IPrintFormTemplate Form(string name) =>
        new PrintFormTemplates([new InvoiceForm(), new ActForm(), new ReconciliationForm()]).Find(name)!;

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_form_shows_number_counterparty_every_line_total_and_total_in_words(string name)
    {
        var form = Form(name);
        var document = FormSamples.Document(form.Kind);

        var text = FormSamples.TextOf(form.Render(document, FormSamples.Organisation));

        Assert.Contains("№ СЧ-0042 от 28 ноября 2026 г.", text);
        Assert.Contains("ООО «Ёлка и Ёж»", text);
        Assert.Contains("ИНН 7736050003", text);
        Assert.Contains("Ёмкость для воды 20 л", text);
        Assert.Contains("Доставка по Москве", text);
        Assert.Contains("123,45", text);
        Assert.Contains("В том числе НДС 20%: 20,58", text);
        Assert.Contains("Сто двадцать три рубля 45 копеек", text);
        Assert.Contains("Семёнов А. В.", text);
    }

    [Fact]
    public void The_invoice_carries_the_bank_details_box()
    {
        var text = FormSamples.TextOf(Form("invoice").Render(FormSamples.Document(DocumentKind.Invoice), FormSamples.Organisation));

        Assert.Contains("ПАО Сбербанк, г. Москва", text);
        Assert.Contains("044525225", text);
        Assert.Contains("40702810938000012345", text);
        Assert.Contains("Счёт на оплату", text);
    }

    [Fact]
    public void The_reconciliation_statement_shows_operations_balance_and_balance_in_words()
    {
        var document = FormSamples.Document(DocumentKind.Reconciliation,
            new PrintDocumentLine { Position = 1, Name = "Продажа (акт № 12 от 03.11.2026)", Price = 1500m, Quantity = 1 },
            new PrintDocumentLine { Position = 2, Name = "Оплата (платёжное поручение № 8 от 10.11.2026)", Price = -1376.55m, Quantity = 1 });

        var text = FormSamples.TextOf(Form("reconciliation").Render(document, FormSamples.Organisation));

        Assert.Contains("Акт сверки взаимных расчётов № СЧ-0042", text);
        Assert.Contains("ООО «Ёлка и Ёж»", text);
        Assert.Contains("Продажа (акт № 12 от 03.11.2026)", text);
        Assert.Contains("Оплата (платёжное поручение № 8 от 10.11.2026)", text);
        Assert.Contains("1 376,55", text);
        Assert.Contains("задолженность в пользу ООО «Вектор» составляет 123,45 руб.", text);
        Assert.Contains("Сто двадцать три рубля 45 копеек", text);
    }

    [Fact]
    public void A_long_document_runs_onto_more_pages_each_with_the_table_header_and_its_number()
    {
        var lines = Enumerable.Range(1, 120).Select(i => new PrintDocumentLine
        {
            Position = i, Name = $"Позиция номер {i}", Quantity = 1, Unit = "шт", Price = 10m, VatRate = 20,
        }).ToArray();
        var pdf = Form("invoice").Render(FormSamples.Document(DocumentKind.Invoice, lines), FormSamples.Organisation);

        var pages = FormSamples.PageTexts(pdf);

        Assert.True(pages.Count >= 3, $"expected at least 3 pages, got {pages.Count}");
        Assert.All(pages.Where(p => p.Contains("Позиция номер")), page => Assert.Contains("Товары (работы, услуги)", page));
        Assert.All(pages.Select((p, i) => (p, i)), page => Assert.Contains($"Страница {page.i + 1} из {pages.Count}", page.p));
        Assert.Contains("Позиция номер 120", string.Join(" ", pages));
        Assert.Contains("Одна тысяча двести рублей 00 копеек", string.Join(" ", pages));
    }

    [Theory]
    [InlineData("invoice", 3)]
    [InlineData("act", 2)]
    public void The_organisations_logo_signature_and_stamp_are_drawn_on_the_form(string name, int images)
    {
        var organisation = FormSamples.Organisation;
        (organisation.Logo, organisation.Signature, organisation.Stamp) = (Png(120, 40), Png(90, 36), Png(100, 100));

        var pdf = Form(name).Render(FormSamples.Document(Form(name).Kind), organisation);

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Equal(images, document.GetPages().Sum(page => page.GetImages().Count()));
    }

    [Fact]
    public void A_form_without_pictures_draws_none()
    {
        var pdf = Form("invoice").Render(FormSamples.Document(DocumentKind.Invoice), FormSamples.Organisation);

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Empty(document.GetPages().SelectMany(page => page.GetImages()));
    }

    /// <summary>A real PNG (8-bit grey) of the given size, as an administrator would upload.</summary>
    private static byte[] Png(int width, int height)
    {
        static void Chunk(BinaryWriter w, string type, byte[] data)
        {
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            w.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)data.Length));
            w.Write(typed);
            w.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(System.IO.Hashing.Crc32.HashToUInt32(typed)));
        }
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), no interlace
        var raw = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(raw, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter: none
                z.Write(Enumerable.Range(0, width).Select(x => (byte)((x + y) % 2 == 0 ? 40 : 220)).ToArray());
            }
        var png = new MemoryStream();
        using (var w = new BinaryWriter(png, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            w.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
            Chunk(w, "IHDR", header);
            Chunk(w, "IDAT", raw.ToArray());
            Chunk(w, "IEND", []);
        }
        return png.ToArray();
    }

    [Fact]
    public void Every_kind_has_a_form()
    {
        var templates = new PrintFormTemplates([new InvoiceForm(), new ActForm(), new ReconciliationForm()]);
        Assert.All(Enum.GetValues<DocumentKind>(), kind => Assert.NotNull(templates.DefaultFor(kind)));
    }
}
