using Microsoft.JSInterop;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>A draft kept in the browser: the scenario's JSON, when it was written (server time, Unix ms) and that
/// time as the browser writes dates.</summary>
public sealed record ScenarioDraft(long At, string When, string Scenario);

/// <summary>
/// Keeps a draft of the editor's unsaved changes in the browser's localStorage (by person and scenario id), so a closed
/// tab or a lost circuit loses nothing, and the browser's own leave warning on while there are unsaved changes. A keystroke
/// is a change, so writes follow the changes at most every <see cref="Interval"/>; the first unsaved change and the
/// return to "all saved" are written at once. Call from the circuit (the delayed write resumes there).
/// A browser may be shared: a draft is offered only to the person it was kept for, for <see cref="KeptFor"/>, and signing
/// out forgets every draft (assets/js/sign-out.js).
/// </summary>
/// <param name="owner">The signed-in person's user id: whose drafts these are.</param>
public sealed class ScenarioDrafts(IJSRuntime js, TimeProvider clock, string owner, long scenarioId) : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a draft waits to be restored; older ones are forgotten when the editor next opens.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    private IJSObjectReference? _module;
    private ScenarioGraph? _graph;
    private bool _scheduled, _keptDirty, _stopped;

    /// <summary>Loads the script and reads the draft left by an earlier visit (null when none or unreadable).</summary>
    public async Task<ScenarioDraft?> StartAsync(ScenarioGraph graph)
    {
        _graph = graph;
        try
        {
            _module = await js.InvokeAsync<IJSObjectReference>("import", "./assets/js/scenario-editor.js");
            var notBefore = (clock.GetUtcNow() - KeptFor).ToUnixTimeMilliseconds();
            return await _module.InvokeAsync<ScenarioDraft?>("readDraft", owner, scenarioId, notBefore);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The graph changed: keep what is drawn (or forget the draft when all is saved).</summary>
    public void Changed()
    {
        if (_module is null || _graph is null || _stopped)
            return;
        if (_graph.IsDirty != _keptDirty)
            _ = WriteAsync();
        else if (!_scheduled)
        {
            _scheduled = true;
            _ = WriteLaterAsync();
        }
    }

    /// <summary>The person chose to drop the unsaved changes: no draft, no warning, nothing more written.</summary>
    public async Task ForgetAsync()
    {
        _stopped = true;
        await CallAsync("keep", owner, scenarioId, null, 0L);
    }

    /// <summary>Drops a draft from an earlier visit that is not wanted (when nothing has been changed since).</summary>
    public async Task DropEarlierAsync()
    {
        if (_graph is { IsDirty: false })
            await CallAsync("keep", owner, scenarioId, null, 0L);
    }

    private async Task WriteLaterAsync()
    {
        await Task.Delay(Interval);
        _scheduled = false;
        await WriteAsync();
    }

    private Task WriteAsync()
    {
        if (_stopped || _graph is null)
            return Task.CompletedTask;
        _keptDirty = _graph.IsDirty;
        return CallAsync("keep", owner, scenarioId, _keptDirty ? _graph.History.Current : null, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private async Task CallAsync(string function, params object?[] args)
    {
        if (_module is null)
            return;
        try
        {
            await _module.InvokeVoidAsync(function, args);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The tab is gone or going: what was written last is the draft.
        }
    }

    /// <summary>Leaving the editor: whatever is unsaved stays as the draft, but other pages must not warn.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        if (_module is null)
            return;
        await CallAsync("setUnsaved", false);
        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
