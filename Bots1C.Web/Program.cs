using Bots1C.Web.Composition;
using Bots1C.Web.CommandLine;

// `license …`, `backup …`, `db copy …` and `--version` run and exit; everything else starts the web app. A command's own options
// are not settings, so the builder only sees the settings among them (`--Bots1C:DataPath=…`), and the command does not.
// (Not Except: a set difference would also drop a repeated word, e.g. the second `sqlite` of `--from sqlite --to sqlite`.)
var command = AppCommands.Handles(args);
var settings = command ? args.Where(AppCommands.IsSetting).ToArray() : args;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings, ContentRootPath = ServiceHosting.ContentRoot });
builder.RunAsServiceWhenStartedByOne();
builder.AddBots1CWeb();
if (command)
    builder.Logging.SetMinimumLevel(LogLevel.Warning); // the command's output, not the app's start-up chatter

var app = builder.Build();
if (command)
    return await AppCommands.RunAsync(args.Where(arg => !AppCommands.IsSetting(arg)).ToArray(), app.Services, async () => await app.PrepareStorageAsync() ? app.Services : null);

app.UseBots1CPipeline();
app.MapBots1CEndpoints();

if (!await app.PrepareStorageAsync())
    return 1;
await app.AnnounceAddressesOnStartAsync();
await app.RunAsync();
return 0;
