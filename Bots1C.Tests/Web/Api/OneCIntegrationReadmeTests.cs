using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bots1C.Domain.Counterparties;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.DirectorySection;

namespace Bots1C.Tests.Web.Api;

/// <summary>
/// The 1C extension (integrations/1c) cannot run here, so what it does on the wire is held to its README: every request
/// documented there is sent to the real app with a real API key and must get the documented status and answer shape,
/// and the BSL modules must call exactly the documented paths — the code, the README and the API cannot drift apart.
/// </summary>
public partial class OneCIntegrationReadmeTests : DirectoryTestBase
{
    private const long Chat = 4001;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // What the README's examples show: record 1, synced from 1C, with one Telegram contact who has written.
        var created = await Catalog.CreateAsync(new CounterpartyInput(CounterpartyTypes.Counterparty, "ООО Ромашка", "7707083893", null,
            ["+79123456789"], null, null, null, "3f0d6f8e-1c00-11ef-9b6a-005056a1b2c3"));
        Assert.Equal(1, created.Counterparty!.Id);
        await ShareContactAsync(Chat, "+79123456789");
        await SayAsync(Chat, "Добрый день! Пришлите счёт.");
        await SentEventuallyAsync(Chat, NotUnderstood);
    }

    [Fact]
    public async Task Every_documented_request_gets_the_documented_status_and_answer_shape_from_the_app()
    {
        var examples = Examples();
        Assert.Equal(5, examples.Count);
        var api = _app.CreateClient();
        foreach (var example in examples)
        {
            using var request = example.Request.ToHttpRequest();
            using var response = await api.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            var what = $"{example.Heading}: {(int)response.StatusCode} {body}";
            Assert.True(example.Response.Status == (int)response.StatusCode, what);
            Assert.Equal(example.Response.MediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.True(Shape(JsonDocument.Parse(example.Response.Body).RootElement) == Shape(JsonDocument.Parse(body).RootElement), what);
        }
    }

    [Fact]
    public async Task Counterparties_are_found_by_the_1C_objects_unique_id_alone()
    {
        await Catalog.CreateAsync(new CounterpartyInput(CounterpartyTypes.Counterparty, "ООО Лютик", null, null, null, null, null, null,
            "9a1b2c3d-1c00-11ef-9b6a-005056a1b2c3"));

        var page = await (await _app.CreateApiClient().GetAsync("/api/v1/counterparties?externalId=9a1b2c3d-1c00-11ef-9b6a-005056a1b2c3")).ReadJsonAsync();

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("ООО Лютик", item.GetProperty("name").GetString());
    }

    [Fact]
    public void Each_example_request_is_an_instance_of_its_documented_path()
    {
        foreach (var example in Examples())
        {
            Assert.Equal(example.Method, example.Request.Method);
            Assert.Matches(TemplatePattern(example.Template), example.Request.Path);
        }
    }

    [Theory]
    [InlineData("extension/CommonModules/Bots1C_Сервер/Ext/Module.bsl")]
    [InlineData("sample/Bots1C_ЧатБоты.bsl")]
    public void The_BSL_module_calls_exactly_the_documented_requests(string module)
    {
        var code = File.ReadAllText(Path.Combine(IntegrationFolder(), module));
        var called = BslCall().Matches(code).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").Order().ToList();
        var documented = Examples().Select(e => $"{e.Method} {e.Template}").Order().ToList();

        Assert.Equal(documented, called);
    }

    [Fact]
    public void The_extension_lists_exactly_the_objects_it_ships_and_every_file_is_well_formed_xml()
    {
        var folder = Path.Combine(IntegrationFolder(), "extension");
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories))
            XDocument.Load(file); // throws on malformed XML

        XNamespace md = "http://v8.1c.ru/8.3/MDClasses";
        var configuration = XDocument.Load(Path.Combine(folder, "Configuration.xml")).Root!.Element(md + "Configuration")!;
        Assert.Equal("Adopted", configuration.Element(md + "Properties")!.Element(md + "ObjectBelonging")!.Value);
        var folders = new Dictionary<string, string>
        {
            ["Language"] = "Languages", ["Role"] = "Roles", ["CommonModule"] = "CommonModules", ["CommonCommand"] = "CommonCommands",
            ["Constant"] = "Constants",
        };
        var listed = configuration.Element(md + "ChildObjects")!.Elements()
            .Select(e => Path.Combine(folders[e.Name.LocalName], e.Value + ".xml")).Order().ToList();
        var shipped = folders.Values.Distinct().Where(f => Directory.Exists(Path.Combine(folder, f)))
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(folder, f), "*.xml", SearchOption.TopDirectoryOnly))
            .Select(f => Path.GetRelativePath(folder, f)).Order().ToList();
        Assert.Equal(shipped, listed);
        foreach (var (kind, name) in configuration.Element(md + "ChildObjects")!.Elements().Select(e => (e.Name.LocalName, e.Value)))
        {
            var own = XDocument.Load(Path.Combine(folder, folders[kind], name + ".xml")).Root!.Element(md + kind)!;
            Assert.Equal(name, own.Element(md + "Properties")!.Element(md + "Name")!.Value);
        }
        Assert.True(File.Exists(Path.Combine(folder, "CommonModules", "Bots1C_Сервер", "Ext", "Module.bsl")));
        foreach (var command in new[] { "Bots1C_ИсторияСообщений", "Bots1C_ОтправитьЧерезЧатБот" })
            Assert.Contains("Процедура ОбработкаКоманды(ПараметрКоманды, ПараметрыВыполненияКоманды)",
                File.ReadAllText(Path.Combine(folder, "CommonCommands", command, "Ext", "CommandModule.bsl")));
    }

    // --- reading the README ---

    private sealed record HttpText(string Method, string Path, List<(string Name, string Value)> Headers, string Body)
    {
        public HttpRequestMessage ToHttpRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Path);
            string? contentType = null;
            foreach (var (name, value) in Headers)
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                    continue;
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    contentType = value;
                else
                    request.Headers.Add(name, name.Equals("X-Api-Key", StringComparison.OrdinalIgnoreCase) ? ApiClient.Key : value);
            }
            if (contentType is not null)
            {
                // multipart lines end in CR LF on the wire, whatever the README's line endings are in a checkout
                var body = contentType.StartsWith("multipart/", StringComparison.Ordinal) ? Body.Replace("\r\n", "\n").Replace("\n", "\r\n") : Body;
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
            return request;
        }
    }

    private sealed record HttpAnswer(int Status, string? MediaType, string Body);

    private sealed record Example(string Heading, string Method, string Template, HttpText Request, HttpAnswer Response);

    private static List<Example> Examples()
    {
        var readme = File.ReadAllText(Path.Combine(IntegrationFolder(), "README.md")).Replace("\r\n", "\n");
        var headings = Heading().Matches(readme).ToList();
        Assert.NotEmpty(headings);
        var examples = new List<Example>();
        for (var i = 0; i < headings.Count; i++)
        {
            var end = i + 1 < headings.Count ? headings[i + 1].Index : readme.Length;
            var blocks = HttpBlock().Matches(readme[headings[i].Index..end]).Select(m => m.Groups[1].Value).ToList();
            Assert.True(blocks.Count == 2, $"{headings[i].Value}: a request block and an answer block, found {blocks.Count}");
            var (requestLine, requestHeaders, requestBody) = Split(blocks[0]);
            var requestParts = requestLine.Split(' ');
            var (statusLine, answerHeaders, answerBody) = Split(blocks[1]);
            var mediaType = answerHeaders.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value?.Split(';')[0].Trim();
            examples.Add(new Example(headings[i].Value, headings[i].Groups[1].Value, headings[i].Groups[2].Value,
                new HttpText(requestParts[0], requestParts[1], requestHeaders, requestBody),
                new HttpAnswer(int.Parse(statusLine.Split(' ')[1]), mediaType, answerBody)));
        }
        return examples;
    }

    private static (string FirstLine, List<(string Name, string Value)> Headers, string Body) Split(string block)
    {
        var lines = block.Split('\n');
        var headers = new List<(string, string)>();
        var i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':');
            headers.Add((lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
        }
        return (lines[0], headers, string.Join('\n', lines.Skip(i + 1)));
    }

    /// <summary>The names of every object's properties, recursively (an array by its first item): values differ from
    /// run to run (ids, times), the shape 1C reads must not.</summary>
    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value)).Order()) + "}",
        JsonValueKind.Array => "[" + (element.GetArrayLength() > 0 ? Shape(element[0]) : "") + "]",
        _ => "v", // null or a value: which one depends on the data
    };

    /// <summary>A documented path with its {placeholders} standing for one URL-encoded value each.</summary>
    private static string TemplatePattern(string template) =>
        "^" + string.Join("[^/?&]+", Placeholder().Split(template).Select(Regex.Escape)) + "$";

    [GeneratedRegex(@"^### `(GET|POST|PUT|DELETE) (/api/v1/\S+)`$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"```http\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex HttpBlock();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"ВыполнитьЗапрос\(""(GET|POST|PUT|DELETE)"",\s*""(/api/v1/[^""]*)""")]
    private static partial Regex BslCall();

    private static string IntegrationFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Bots1C.sln")))
            dir = dir.Parent ?? throw new InvalidOperationException("Bots1C.sln not found above the test binaries");
        return Path.Combine(dir.FullName, "integrations", "1c");
    }
}
