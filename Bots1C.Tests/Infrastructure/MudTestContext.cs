using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.Extensions.Localization;
using Bots1C.Web.Resources;

namespace Bots1C.Tests.Infrastructure;

/// <summary>One set-up for every component test: MudBlazor services without transitions, loose JS interop,
/// the real ru/en string tables, and async disposal (MudBlazor registers an IAsyncDisposable-only service).</summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddLocalization();
        // Pages write dates through the circuit's UserClock; a test that wants another time registers its own clock.
        Services.TryAddSingleton(TimeProvider.System);
        Services.AddScoped<Bots1C.Web.Components.Shared.UserClock>();
    }

    protected IStringLocalizer<SharedResource> Strings => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
