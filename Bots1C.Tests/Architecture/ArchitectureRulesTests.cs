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
    public void Only_ConversationStates_writes_a_conversations_state() =>
        Types().That().AreNot(typeof(Bots1C.Domain.Dialogs.ConversationStates)).Should()
            .NotCallAny(MethodMembers().That().AreDeclaredIn(typeof(Bots1C.Domain.Conversations.Conversation))
                .And().HaveNameMatching(@"^set_(Mode|IsClosed|ClosedAt|AssignedUserId|OperatorSince)\("))
            .Check(App);

    /// <summary>The UPDATE form of the same columns is invisible to the rule above (an expression tree), so the sources are read.</summary>
    [Fact]
    public void Only_ConversationStates_updates_a_conversations_state_in_a_statement()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Bots1C.sln")))
            root = root.Parent ?? throw new InvalidOperationException("Bots1C.sln not found above the test folder.");
        var statement = new System.Text.RegularExpressions.Regex(@"SetProperty\(\s*\w+\s*=>\s*\w+\.(Mode|IsClosed|ClosedAt|AssignedUserId|OperatorSince)\b");
        var offenders = new[] { "Bots1C.Domain", "Bots1C.Web" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root.FullName, project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && Path.GetFileName(file) != "ConversationStates.cs")
            .Where(file => statement.IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(root.FullName, file));
        Assert.Empty(offenders);
    }

    [Fact]
    public void Only_the_outbox_creates_outbox_rows() =>
        Types().That().AreNot(typeof(Bots1C.Domain.Conversations.Outbox)).Should()
            .NotCallAny(MethodMembers().That().AreConstructors().And().AreDeclaredIn(typeof(Bots1C.Domain.Conversations.OutboxItem)))
            .Check(App);
}
