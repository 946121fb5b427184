using System.Diagnostics;
using System.Text.Json;
using Bots1C.Domain.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bots1C.Bench;

/// <summary>
/// The scenario editor in Chromium: how long after navigation a stored scenario's nodes are all on the canvas,
/// a click on a node opens its properties, and every arrow is drawn. A 300-step scenario against a 10-step
/// baseline in the same run, each laid out in a grid and left at 0,0 (the editor's auto-layout places it).
/// Times are the page's own <c>performance.now()</c> (0 = navigation start), sampled every animation frame,
/// plus the wall clock of the whole navigate-and-click as a driver sees it.
/// </summary>
public sealed class EditorBenchmark : IBenchmark
{
    private const string FirstByte = "first byte (prerender)";
    private const string Nodes = "nodes rendered";
    private const string Interactive = "click → properties";
    private const string Answer = "properties after the click";
    private const string Links = "links drawn";
    private const string WallInteractive = "click → properties, wall clock";

    public string Name => "editor";
    public string Description => "scenario editor: 300-step vs 10-step scenario opened in Chromium";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options)
    {
        var catalog = app.Services.GetRequiredService<ScenarioCatalog>();
        // --quick keeps the grid pair only (the auto-layout pair costs as much again and differs little).
        (string Case, ScenarioDefinition Definition, string? Baseline)[] cases = options.Quick
            ?
            [
                ("10 steps, grid", GeneratedScenario.Build(10, grid: true), null),
                ("300 steps, grid", GeneratedScenario.Build(300, grid: true), "10 steps, grid"),
            ]
            :
            [
                ("10 steps, grid", GeneratedScenario.Build(10, grid: true), null),
                ("300 steps, grid", GeneratedScenario.Build(300, grid: true), "10 steps, grid"),
                ("10 steps, auto-layout", GeneratedScenario.Build(10, grid: false), null),
                ("300 steps, auto-layout", GeneratedScenario.Build(300, grid: false), "10 steps, auto-layout"),
            ];
        var stored = new List<(string Case, long Id, ScenarioDefinition Definition, string? Baseline)>();
        foreach (var (name, definition, baseline) in cases)
        {
            definition.Name = "Bench " + name;
            var problems = await catalog.CheckAsync(definition);
            if (problems.Count > 0)
                throw new InvalidOperationException($"The generated scenario '{name}' has problems: " +
                    string.Join("; ", problems.Take(5).Select(p => $"{p.StepId}: {p.Message}")));
            var result = await catalog.CreateAsync(definition, "bench");
            stored.Add((name, result.Scenario!.Id, definition, baseline));
        }

        await using var context = await app.SignedInContextAsync();
        // Unmeasured opens first: JIT, the first circuit, static assets in the browser's cache.
        foreach (var s in options.Quick ? stored.Take(1) : stored)
            await OpenAsync(context, app.BaseUrl, s.Id, s.Definition);

        var samples = stored.ToDictionary(s => s.Case, _ => new List<Sample>());
        for (var run = 0; run < options.Runs; run++)
            foreach (var s in stored) // interleaved, so a slow moment of the machine hits every case alike
            {
                var sample = await OpenAsync(context, app.BaseUrl, s.Id, s.Definition);
                samples[s.Case].Add(sample);
                Console.Error.WriteLine($"  run {run + 1}: {s.Case,-24} first byte {sample.FirstByte,5:0}, circuit {sample.Circuit,5:0}, " +
                    $"nodes {sample.Nodes,5:0}, click {sample.Panel,5:0} (answered in {sample.Answer,4:0}), links {sample.Links,5:0}, wall {sample.WallPanel,5:0} ms, {sample.Clicks} click(s)");
            }

        var measurements = new List<Measurement>();
        foreach (var (measure, pick) in new (string, Func<Sample, double>)[]
                 {
                     (FirstByte, x => x.FirstByte), (Nodes, x => x.Nodes), (Interactive, x => x.Panel), (Answer, x => x.Answer), (Links, x => x.Links), (WallInteractive, x => x.WallPanel),
                 })
            foreach (var s in stored)
                measurements.Add(new Measurement(Name, s.Case, $"{s.Definition.Steps.Count} steps, {s.Definition.Transitions.Count} links",
                    measure, "ms", samples[s.Case].Select(pick).ToList(), s.Baseline));
        return measurements;
    }

    private sealed record Sample(double FirstByte, double Circuit, double Nodes, double Panel, double Answer, double Links, double WallPanel, int Clicks);

    private sealed record PageTimes(double FirstByte, double Circuit, double Nodes, double Panel, double Click, int Clicks, double Links);

    /// <summary>Opens the editor in a new tab (a new page load and circuit), clicks the step after the start once
    /// its node is there (again every 250 ms until the click works) and waits for all nodes, the panel and all links.</summary>
    private static async Task<Sample> OpenAsync(IBrowserContext context, string baseUrl, long id, ScenarioDefinition definition)
    {
        var target = definition.Next(definition.StartStep!.Id, StepOutcomes.Next)!;
        var page = await context.NewPageAsync();
        try
        {
            await page.AddInitScriptAsync(Recorder(definition.Steps.Count, definition.Transitions.Count, target));
            var clock = Stopwatch.StartNew();
            await page.GotoAsync($"{baseUrl}/scenarios/{id}", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            var head = page.Locator($"[data-node-id='{target}'] .step-node-head");
            var panel = page.Locator($"[data-testid=step-properties][data-step-id='{target}']");
            while (true)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                    throw new TimeoutException($"The properties of '{target}' did not open within 60 s of navigation.");
                await head.ClickAsync(new LocatorClickOptions { Timeout = 30_000 });
                try
                {
                    await panel.WaitForAsync(new LocatorWaitForOptions { Timeout = 250 });
                    break;
                }
                catch (TimeoutException)
                {
                    // The node was drawn before the circuit took the click: press again.
                }
            }
            var wallPanel = clock.Elapsed.TotalMilliseconds;
            var done = await page.WaitForFunctionAsync("() => window.__bench && window.__bench.done && JSON.stringify(window.__bench)",
                null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 50 });
            var times = JsonSerializer.Deserialize<PageTimes>((await done.JsonValueAsync<string>())!, JsonOptions)!;
            return new Sample(times.FirstByte, times.Circuit, times.Nodes, times.Panel, times.Panel - times.Click, times.Links, wallPanel, times.Clicks);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Runs in the page before its own scripts: every animation frame it notes the first
    /// <c>performance.now()</c> at which the circuit is up, all nodes, the clicked step's panel and all drawn links are
    /// in the DOM; the first byte is the navigation entry's <c>responseStart</c> (the server's prerender), and
    /// <c>click</c> the last pointer press before the panel showed (the driver presses again until it does).
    /// A link counts once its path has a shape (it is drawn only after both ports are measured).</summary>
    private static string Recorder(int nodes, int links, string target) => $$"""
        (() => {
          const r = window.__bench = { firstByte: null, circuit: null, nodes: null, panel: null, click: null, clicks: 0, links: null, done: false };
          addEventListener('pointerdown', () => { if (r.panel === null) { r.click = performance.now(); r.clicks++; } }, true);
          const tick = () => {
            const now = performance.now();
            if (r.firstByte === null) {
              const nav = performance.getEntriesByType('navigation')[0];
              if (nav && nav.responseStart > 0) r.firstByte = nav.responseStart;
            }
            if (r.circuit === null && document.querySelector('[data-testid=circuit-ready]')) r.circuit = now;
            if (r.nodes === null && document.querySelectorAll('div.diagram-node[data-node-id]').length >= {{nodes}}) r.nodes = now;
            if (r.panel === null && document.querySelector('[data-testid=step-properties][data-step-id="{{target}}"]')) r.panel = now;
            if (r.links === null) {
              let drawn = 0;
              for (const g of document.querySelectorAll('g.diagram-link')) {
                const path = g.querySelector('path');
                if (path && (path.getAttribute('d') || '').length > 0) drawn++;
              }
              if (drawn >= {{links}}) r.links = now;
            }
            r.done = r.firstByte !== null && r.circuit !== null && r.nodes !== null && r.panel !== null && r.links !== null;
            if (!r.done) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        })();
        """;
}
