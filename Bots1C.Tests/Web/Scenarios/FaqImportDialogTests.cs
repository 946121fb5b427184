using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Scenarios.Exchange;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>The scenarios page's import takes a list of questions and answers too, and reviews it like a scenario file.</summary>
public sealed class FaqImportDialogTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly Bots1CAppFactory _app = new();

    public FaqImportDialogTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<ScenarioImport>());
        AddAuthorization().SetAuthorized("manager@example.ru").SetRoles(Bots1C.Domain.Accounts.Roles.Manager);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> UploadAsync(string fileName, string text)
    {
        var dialogs = Render<MudDialogProvider>();
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ImportScenariosDialog>("Import"));
        dialogs.WaitForElement("[data-testid=import-pick]", Wait);
        dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, fileName));
        return dialogs;
    }

    [Fact]
    public async Task A_csv_of_questions_and_answers_is_imported_as_one_faq_scenario_named_after_the_file()
    {
        var dialogs = await UploadAsync("Доставка.csv", "Вопрос;Ответ\nКак оплатить?;Картой.\nГде вы?;В Москве.\n");

        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=import-run]").HasAttribute("disabled")), Wait);
        dialogs.Find("[data-testid=import-run]").Click();

        var scenario = await Eventually.GetAsync(async () =>
        {
            await using var db = await _app.Db();
            return await db.Scenarios.SingleOrDefaultAsync(s => s.Name == "Доставка");
        }, s => s is not null, "the imported scenario");
        var stored = ScenarioJson.Deserialize(scenario!.DefinitionJson);
        Assert.Equal(["Как оплатить?", "Где вы?", "Main menu"], stored.Steps.Single(s => s.Kind == StepKind.Message).Buttons.Select(b => b.Text));
    }

    [Fact]
    public async Task A_list_with_a_missing_answer_says_which_question_and_imports_nothing()
    {
        var dialogs = await UploadAsync("faq.csv", "Question;Answer\nHow to pay?;By card\nWhere are you?;\n");

        dialogs.WaitForAssertion(() => Assert.Equal(Strings["FaqImport.Problem.NoAnswer", 2, 0].Value, dialogs.Find("[data-testid=import-error]").TextContent.Trim()), Wait);
        Assert.True(dialogs.Find("[data-testid=import-run]").HasAttribute("disabled"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }
}
