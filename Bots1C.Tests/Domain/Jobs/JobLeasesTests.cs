using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Jobs;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bots1C.Tests.Domain.Jobs;

/// <summary>A background job runs on one instance at a time: the lease in the database says which, and passes to
/// another instance only when its holder stops renewing it.</summary>
public sealed class JobLeasesTests : IDisposable
{
    private const string Job = "test-job";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithFakeClock();
    private readonly List<AppInstance> _instances = [];

    public void Dispose()
    {
        foreach (var instance in _instances)
            instance.Dispose();
        _app.Dispose();
    }

    /// <summary>Another app process on the same database, as far as leases go.</summary>
    private JobLeases Instance()
    {
        _ = _app.Services; // the app (and its database) first
        var instance = new AppInstance(new DataFolder(_app.DataPath), NullLogger<AppInstance>.Instance);
        _instances.Add(instance);
        return new JobLeases(_app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>(), instance, _app.Clock!);
    }

    [Fact]
    public async Task The_first_instance_gets_the_job_and_the_second_waits_while_the_lease_lasts()
    {
        var (a, b) = (Instance(), Instance());

        Assert.True(await a.TryTakeAsync(Job, Minute, default));
        Assert.False(await b.TryTakeAsync(Job, Minute, default));
        _app.Clock!.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await b.TryTakeAsync(Job, Minute, default));
    }

    [Fact]
    public async Task The_holder_keeps_the_job_by_renewing_it()
    {
        var (a, b) = (Instance(), Instance());
        Assert.True(await a.TryTakeAsync(Job, Minute, default));

        for (var round = 0; round < 3; round++)
        {
            _app.Clock!.Advance(TimeSpan.FromSeconds(40));
            Assert.True(await a.TryTakeAsync(Job, Minute, default));
            Assert.False(await b.TryTakeAsync(Job, Minute, default));
        }
    }

    [Fact]
    public async Task A_holder_that_stopped_renewing_loses_the_job_to_another_instance()
    {
        var (a, b) = (Instance(), Instance());
        Assert.True(await a.TryTakeAsync(Job, Minute, default));

        _app.Clock!.Advance(Minute + TimeSpan.FromSeconds(1));

        Assert.True(await b.TryTakeAsync(Job, Minute, default));
        Assert.False(await a.TryTakeAsync(Job, Minute, default));
    }

    [Fact]
    public async Task Of_two_instances_asking_at_the_same_moment_exactly_one_gets_a_new_job()
    {
        var (a, b) = (Instance(), Instance());

        for (var round = 0; round < 20; round++)
        {
            var job = $"{Job}-{round}";
            var answers = await Task.WhenAll(Task.Run(() => a.TryTakeAsync(job, Minute, default)), Task.Run(() => b.TryTakeAsync(job, Minute, default)));
            Assert.Equal(1, answers.Count(taken => taken));
        }
    }

    [Fact]
    public async Task Idle_dialogs_are_not_returned_by_an_instance_while_another_holds_that_job()
    {
        var idleReturn = _app.Services.GetRequiredService<IdleConversationReturn>();
        Assert.NotNull(await idleReturn.RoundAsync(default)); // alone, this app holds it
        await using (var db = await _app.Db())
            await db.JobLeases.Where(l => l.Name == JobLeases.IdleReturn) // another instance took it over (this one froze)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, "another-instance").SetProperty(l => l.Until, _app.Clock!.GetUtcNow() + TimeSpan.FromMinutes(3)));

        Assert.Null(await idleReturn.RoundAsync(default));
    }
}
