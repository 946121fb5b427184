using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Bots1C.Tests.Architecture;

/// <summary>
/// The folder rules of docs/architecture.md, checked over the compiled assemblies: a new dependency that breaks one
/// fails here, naming the types involved.
/// </summary>
public class ArchitectureRulesTests
{
    private static readonly ArchUnitNET.Domain.Architecture App = new ArchLoader()
        .LoadAssemblies(typeof(Bots1C.Domain.DomainServices).Assembly, typeof(Bots1C.Web.Composition.WebServices).Assembly)
        .Build();

    private static IObjectProvider<IType> Folder(string name) =>
        Types().That().ResideInNamespaceMatching($@"^Bots1C\.Domain\.{name}(\..*)?$").As($"Domain/{name}");

    [Fact]
    public void The_domain_does_not_depend_on_the_web_project() =>
        Types().That().ResideInNamespaceMatching(@"^Bots1C\.Domain(\..*)?$").Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Bots1C\.Web(\..*)?$")).Check(App);

    [Fact]
    public void Conversations_depend_on_neither_scenarios_nor_operators() =>
        Types().That().Are(Folder("Conversations")).Should()
            .NotDependOnAny(Folder("Scenarios")).AndShould().NotDependOnAny(Folder("Operators")).Check(App);

    [Fact]
    public void Scenarios_do_not_depend_on_operators() =>
        Types().That().Are(Folder("Scenarios")).Should().NotDependOnAny(Folder("Operators")).Check(App);

    /// <summary>The runner decides what a scenario says and does; storage and the network are the callers' part, so it
    /// stays a pure function the editor's test chat can run too.</summary>
    [Fact]
    public void The_scenario_runner_touches_no_storage_and_no_http() =>
        Types().That().ResideInNamespaceMatching(@"^Bots1C\.Domain\.Scenarios\.Runner(\..*)?$").Should()
            .NotDependOnAny(Types(true).That().ResideInNamespaceMatching(@"^(Bots1C\.Domain\.Data|Microsoft\.EntityFrameworkCore|System\.Net\.Http)(\..*)?$"))
            .Check(App);

    [Fact]
    public void Web_features_never_touch_the_database_context() =>
        Types().That().ResideInNamespaceMatching(@"^Bots1C\.Web\.Features(\..*)?$").Should()
            .NotDependOnAny(Types(true).That().HaveFullName("Bots1C.Domain.Data.Bots1CDbContext")
                .Or().HaveFullNameMatching(@"^Microsoft\.EntityFrameworkCore\.IDbContextFactory`1"))
            .Check(App);

    /// <summary>Any dependency between two of the three folders is allowed one way only, and no three of them go round:
    /// the turn (Turns/) is what calls across them.</summary>
    [Fact]
    public void Conversations_scenarios_and_operators_form_no_cycle()
    {
        string[] folders = ["Conversations", "Scenarios", "Operators"];
        var edges = new Dictionary<(string From, string To), string>();
        foreach (var type in App.Types)
            if (FolderOf(type, folders) is { } from)
                foreach (var dependency in type.Dependencies)
                    if (FolderOf(dependency.Target, folders) is { } to && to != from)
                        edges.TryAdd((from, to), $"{type.FullName} -> {dependency.Target.FullName}");

        var cycles = new List<string>();
        void Walk(List<string> path)
        {
            foreach (var next in folders.Where(to => edges.ContainsKey((path[^1], to))))
                if (next == path[0])
                    cycles.Add(string.Join(", ", path.Append(next).Zip(path.Skip(1).Append(next)).Select(e => edges[e])));
                else if (!path.Contains(next))
                    Walk([.. path, next]);
        }
        foreach (var start in folders)
            Walk([start]);
        Assert.True(cycles.Count == 0, "Cycles (each found from each of its folders):\n" + string.Join("\n", cycles));
    }

    private static string? FolderOf(IType type, string[] folders) =>
        type.Namespace?.FullName is { } name
            ? folders.FirstOrDefault(f => name == $"Bots1C.Domain.{f}" || name.StartsWith($"Bots1C.Domain.{f}.", StringComparison.Ordinal))
            : null;

    /// <summary>A messenger is one folder: the adapters know bots (the messenger, the credentials) and reach the network
    /// only through the guarded outbound clients; never conversations, storage, scenarios or anything else of the domain.</summary>
    [Fact]
    public void Channels_depend_only_on_bots_and_the_outbound_guard() =>
        Types().That().Are(Folder("Channels")).Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Bots1C\.Domain(\.(?!(Channels|Bots|Outbound)(\.|$)).+)?$")
                .As("Domain outside Channels, Bots and Outbound"))
            .Check(App);

    [Fact]
    public void Only_ConversationStates_writes_a_conversations_state() =>
        Types().That().AreNot(typeof(Bots1C.Domain.Conversations.ConversationStates)).Should()
            .NotCallAny(MethodMembers().That().AreDeclaredIn(typeof(Bots1C.Domain.Conversations.Conversation))
                .And().HaveNameMatching(@"^set_(Mode|IsClosed|ClosedAt|ClosedFromUserId|AssignedUserId|OperatorSince)\("))
            .Check(App);

    /// <summary>The UPDATE form of the same columns is invisible to the rule above (an expression tree), so the sources are read.</summary>
    [Fact]
    public void Only_ConversationStates_updates_a_conversations_state_in_a_statement()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Bots1C.sln")))
            root = root.Parent ?? throw new InvalidOperationException("Bots1C.sln not found above the test folder.");
        var statement = new System.Text.RegularExpressions.Regex(@"SetProperty\(\s*\w+\s*=>\s*\w+\.(Mode|IsClosed|ClosedAt|ClosedFromUserId|AssignedUserId|OperatorSince)\b");
        var offenders = new[] { "Bots1C.Domain", "Bots1C.Web" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root.FullName, project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && Path.GetFileName(file) != "ConversationStates.cs")
            .Where(file => statement.IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(root.FullName, file));
        Assert.Empty(offenders);
    }

    /// <summary>An event's English message and the values its translations use are written side by side in an area's
    /// <c>…Events</c> class, where <c>EventDetailTextsTests</c> finds and checks every one of them.</summary>
    [Fact]
    public void Only_the_areas_events_classes_build_event_details() =>
        Types().That().DoNotHaveNameEndingWith("Events").And().AreNot(typeof(Bots1C.Domain.EventLog.EventDetail)).Should()
            .NotCallAny(MethodMembers().That().AreConstructors().And().AreDeclaredIn(typeof(Bots1C.Domain.EventLog.EventDetail)))
            .Check(App);

    [Fact]
    public void Only_the_outbox_creates_outbox_rows() =>
        Types().That().AreNot(typeof(Bots1C.Domain.Conversations.Outbox)).Should()
            .NotCallAny(MethodMembers().That().AreConstructors().And().AreDeclaredIn(typeof(Bots1C.Domain.Conversations.OutboxItem)))
            .Check(App);

    // One name per concept (docs/architecture.md, "Words we use"). Old migrations keep the names they were written with.
    private static IObjectProvider<IType> OurTypesOutsideMigrations() =>
        Types().That().ResideInNamespaceMatching(@"^Bots1C\.(Domain|Web)(\..*)?$")
            .And().DoNotResideInNamespaceMatching(@"^Bots1C\.Domain\.Data\.Migrations(\..*)?$").As("Bots1C types");

    [Fact]
    public void The_record_contacts_belong_to_is_called_a_counterparty_never_an_owner() =>
        Types().That().Are(OurTypesOutsideMigrations()).Should().NotHaveNameContaining("Owner").Check(App);

    /// <summary>Conversation is the one word in code for a customer's exchange with a bot and its operators (the Russian
    /// UI says «диалог»). "Dialog" is left to what it also means: a modal window, a Blazor component named
    /// <c>…Dialog</c> in the web project.</summary>
    [Fact]
    public void A_conversation_is_never_called_a_dialog_in_code_only_modal_windows_are_dialogs()
    {
        bool IsModalWindow(System.Type t) =>
            t.Assembly == typeof(Bots1C.Web.Composition.WebServices).Assembly && t.Name.EndsWith("Dialog", StringComparison.Ordinal)
            && typeof(Microsoft.AspNetCore.Components.ComponentBase).IsAssignableFrom(t);
        var offenders = new[] { typeof(Bots1C.Domain.DomainServices).Assembly, typeof(Bots1C.Web.Composition.WebServices).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false) && !t.Name.StartsWith('<'))
            .Where(t => t.Namespace is { } n && !n.StartsWith("Bots1C.Domain.Data.Migrations", StringComparison.Ordinal))
            .Where(t => (t.Name.Contains("Dialog", StringComparison.Ordinal) || n(t).Contains(".Dialogs", StringComparison.Ordinal)) && !IsModalWindow(t))
            .Select(t => t.FullName);
        Assert.Empty(offenders);

        static string n(System.Type t) => t.Namespace ?? "";
    }

    [Fact]
    public void Directory_names_only_the_section_of_counterparties_and_contacts_so_caches_are_called_caches() =>
        Types().That().Are(OurTypesOutsideMigrations()).And().HaveNameContaining("Directory").Should()
            .ResideInNamespaceMatching(@"^Bots1C\.Web\.Features\.Directory(\..*)?$").Check(App);

    [Fact]
    public void A_section_of_the_app_is_one_feature_folder_with_sub_folders_not_siblings_sharing_a_prefix()
    {
        var folders = typeof(Bots1C.Web.Composition.WebServices).Assembly.GetTypes()
            .Select(t => t.Namespace ?? "").Where(n => n.StartsWith("Bots1C.Web.Features.", StringComparison.Ordinal))
            .Select(n => n["Bots1C.Web.Features.".Length..].Split('.')[0]).Distinct().ToList();
        var siblings = folders.SelectMany(a => folders.Where(b => b != a && b.StartsWith(a, StringComparison.Ordinal)).Select(b => $"{a} / {b}"));
        Assert.Empty(siblings);
    }

    [Fact]
    public void Every_endpoint_file_is_a_class_named_for_its_endpoints_with_one_Map_method_and_lives_in_Endpoints()
    {
        // XxxEndpoints.MapXxxEndpoints(this IEndpointRouteBuilder) in Endpoints/; a part of /api/v1 is XxxApi.MapXxxApi(this RouteGroupBuilder) in Endpoints/Api.
        var maps = typeof(Bots1C.Web.Composition.WebServices).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name != "WebPipeline")
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Where(m => m.Name.StartsWith("Map", StringComparison.Ordinal) && m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false)))
            .ToList();
        Assert.NotEmpty(maps);
        bool IsEndpoints(System.Reflection.MethodInfo m) =>
            m.DeclaringType!.Namespace!.StartsWith("Bots1C.Web.Endpoints", StringComparison.Ordinal)
            && m.DeclaringType.Name.EndsWith("Endpoints", StringComparison.Ordinal)
            && m.GetParameters()[0].ParameterType == typeof(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder);
        bool IsApiGroup(System.Reflection.MethodInfo m) =>
            m.DeclaringType!.Namespace == "Bots1C.Web.Endpoints.Api" && m.DeclaringType.Name.EndsWith("Api", StringComparison.Ordinal)
            && m.GetParameters()[0].ParameterType == typeof(Microsoft.AspNetCore.Routing.RouteGroupBuilder);
        var wrong = maps.Where(m => m.Name != "Map" + m.DeclaringType!.Name || !(IsEndpoints(m) || IsApiGroup(m)))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}({m.GetParameters()[0].ParameterType.Name})");
        Assert.Empty(wrong);
    }
}
