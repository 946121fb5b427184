using Bots1C.Web.Composition;
using Bots1C.Web.CommandLine;

// `license …` commands run and exit; everything else starts the web app. The commands' own options are not
// configuration, so the builder does not see them.
var command = LicenseCommands.Handles(args);
var builder = WebApplication.CreateBuilder(command ? [] : args);
builder.AddBots1CWeb();

var app = builder.Build();
if (command)
    return await LicenseCommands.RunAsync(args, async () => await app.PrepareStorageAsync() ? app.Services : null);

app.UseBots1CPipeline();
app.MapBots1CEndpoints();

if (!await app.PrepareStorageAsync())
    return 1;
app.AnnounceAddressesOnStart();
await app.RunAsync();
return 0;
