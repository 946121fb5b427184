using Bots1C.Web.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddBots1CWeb();

var app = builder.Build();
app.UseBots1CPipeline();
app.MapBots1CEndpoints();

if (!await app.PrepareStorageAsync())
    return 1;
app.AnnounceAddressesOnStart();
await app.RunAsync();
return 0;
