using Bots1C.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Scenarios.Exchange;
using Bunit;

namespace Bots1C.Tests.Web.Bots;

public class ImportReviewTests : MudTestContext
{
    [Fact]
    public void Lists_each_problem_with_scenario_and_place_and_offers_a_choice_per_clash()
    {
        var result = new ScenarioImportResult(
            [new ImportedScenario(0, "Menu", "menu-key", null, null)],
            [new ScenarioImportProblem("FileMissing", "English detail", "scenarios[0].Steps[2].FileId", "Menu", "send")],
            [new ScenarioClash(0, "menu-key", "Menu", 5, "Menu", null, null)],
            Written: false);

        var review = Render<ImportReview>(p => p.Add(r => r.Result, result));

        var row = review.Find("[data-testid=import-problems] tbody tr");
        Assert.Contains("Menu", row.TextContent);
        Assert.Contains("scenarios[0].Steps[2].FileId", row.TextContent);
        Assert.Contains("files are not exported", row.TextContent);
        Assert.Single(review.FindAll("[data-testid=import-clash]"));
    }
}
